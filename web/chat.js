// The clinic page: Microsoft Web Chat on whichever Direct Line the server offers (its own, or Azure's), plus
// banners for assessments that need action today. A reload resumes the conversation (kept in sessionStorage,
// so closing the tab ends it); "Start over" begins a new one. Plain ES, no bundler: window.WebChat comes from
// /webchat.js.
'use strict';

const config = JSON.parse(document.getElementById('chat-config').textContent);

/** directlinejs's ConnectionStatus values. */
const STATUS = { online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };

/** How often the saved token is brought up to date: directlinejs refreshes it every 15 minutes. */
const SAVE_EVERY_MS = 60_000;

/**
 * The conversation to resume after a reload: its id, current token and Direct Line domain. Storage may be
 * refused (privacy settings, some framed pages): the chat then works as before, only without resuming.
 */
const savedConversation = {
  key: 'second-look.conversation',
  read() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.key) ?? 'null');
      const complete = saved && ['conversationId', 'token', 'domain'].every((field) => typeof saved[field] === 'string');
      return complete ? saved : undefined;
    } catch {
      return undefined;
    }
  },
  write(saved) {
    try { sessionStorage.setItem(this.key, JSON.stringify(saved)); } catch { /* not resumable, still usable */ }
  },
  clear() {
    try { sessionStorage.removeItem(this.key); } catch { /* nothing was saved */ }
  },
};

// --- Banners and notices ---

/** Banners only ever go up a level: a later, lower result never hides an emergency. */
const LEVEL = { urgent: 1, emergency: 2 };
let shownLevel = 0;

const fromTemplate = (id) => document.getElementById(id).content.cloneNode(true);

function showBanner(urgency, action) {
  const level = LEVEL[urgency] ?? 0;
  if (level <= shownLevel) return;
  shownLevel = level;
  const banner = fromTemplate(`${urgency}-template`);
  banner.querySelector('.banner-action').textContent = action ?? '';
  if (urgency === 'emergency') document.getElementById('notice').replaceChildren();
  // Inserted into a live region that was already there, so screen readers announce it.
  document.getElementById(urgency === 'emergency' ? 'alert' : 'notice').replaceChildren(banner);
}

/** Empties every live region: what they said was about a conversation that is over. */
function clearNotices() {
  shownLevel = 0;
  for (const id of ['alert', 'notice', 'conversation-status']) document.getElementById(id).replaceChildren();
}

const hideConnecting = () => document.getElementById('connecting')?.remove();

function showConnectError() {
  hideConnecting();
  document.getElementById('alert').replaceChildren(fromTemplate('connect-error-template'));
}

const showConversationEnded = () =>
  document.getElementById('conversation-status').replaceChildren(fromTemplate('conversation-ended-template'));

// --- One conversation ---

async function fetchToken() {
  const response = await fetch(config.tokenUrl, { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== 'string') throw new Error(body.error ?? `token route answered ${response.status}`);
  return body;
}

/**
 * A Direct Line connection and what watches it. `onLost` is called once, when a conversation that was
 * resumed or had been online is gone (expired, ended, or its token no longer accepted); `onFailed` when a
 * new one could not start.
 */
function openConversation({ domain, token, conversationId }, { onLost, onFailed }) {
  const directLine = window.WebChat.createDirectLine({ domain, token, conversationId, webSocket: config.webSocket });
  const resumed = Boolean(conversationId);
  let online = false;
  let closed = false;

  const save = () => {
    if (online && !closed) savedConversation.write({ conversationId: directLine.conversationId, token: directLine.token, domain });
  };
  const timer = setInterval(save, SAVE_EVERY_MS);

  function close() {
    closed = true;
    clearInterval(timer);
    watch.unsubscribe();
    ended.unsubscribe();
    directLine.end();
  }

  // Deferred: out of directlinejs's own status update, and not at all once the page has closed this
  // conversation itself (Start over).
  const lost = () => setTimeout(() => {
    if (closed) return;
    close();
    savedConversation.clear();
    (online || resumed ? onLost : onFailed)();
  });

  const watch = directLine.connectionStatus$.subscribe((status) => {
    if (status === STATUS.online) {
      online = true;
      save();
    } else if (status === STATUS.ended || status === STATUS.failedToConnect || status === STATUS.expiredToken) {
      // directlinejs does not come back from these by itself: without a fresh start the chat would be dead.
      lost();
    }
  });

  // Over a WebSocket an ended conversation shows only here: the reconnection after the server closed the socket
  // gets 404 and the activity stream fails, while the connection status stays Online.
  const ended = directLine.activity$.subscribe({ error: lost });

  return { directLine, save, lost, close };
}

/**
 * Reads each action on its way: the bot's assessment carries channelData.triage (CONTRACT.md); each incoming
 * activity is a moment to save the current token; a message refused with 404 means the conversation is gone
 * (over a WebSocket nothing else tells: polling would get the 404 too).
 */
const createStore = (conversation) => window.WebChat.createStore({}, () => (next) => (action) => {
  if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
    const activity = action.payload.activity;
    const triage = activity.from && activity.from.role !== 'user' ? activity.channelData?.triage : undefined;
    if (triage) showBanner(triage.urgency, triage.action);
    conversation.save();
  } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED' && action.payload?.status === 404) {
    conversation.lost();
  }
  return next(action);
});

// --- The summary to keep ---

/** A plain-text file made here in the browser from the summary the card shows: nothing is kept on the server. */
function saveSummary({ summary, fileName }) {
  const url = URL.createObjectURL(new Blob([summary], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The summary to the clipboard; the status region says it is done (the words come with the card). */
async function copySummary({ summary, done }) {
  try {
    await navigator.clipboard.writeText(summary);
  } catch {
    // No clipboard API (an insecure origin, a refused permission): the old way, from a selected text area.
    const area = document.createElement('textarea');
    area.value = summary;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  const status = document.createElement('p');
  status.textContent = done ?? '';
  document.getElementById('conversation-status').replaceChildren(status);
}

/**
 * The assessment card's "Save summary" and "Copy" buttons (Action.Submit with data.summaryAction) are handled
 * here and never sent to the bot; every other card action goes on as usual.
 */
const cardActionMiddleware = () => (next) => (args) => {
  const value = args.cardAction?.value;
  if (value && typeof value === 'object' && typeof value.summary === 'string') {
    if (value.summaryAction === 'save') return saveSummary(value);
    if (value.summaryAction === 'copy') return void copySummary(value);
  }
  return next(args);
};

/**
 * The assessment card's folded sections (Action.ToggleVisibility): Adaptive Cards marks the container it shows or
 * hides with aria-expanded, which a plain container may not carry. The state belongs on the button that toggles
 * it (which names the container in aria-controls): it is moved there, so screen readers hear "collapsed/expanded".
 */
function watchToggles(root) {
  const buttonsFor = (el) => [...(el.closest('.ac-adaptiveCard') ?? root).querySelectorAll('button[aria-controls]')]
    .filter((b) => b.getAttribute('aria-controls').split(' ').includes(el.id));
  const moveState = (el) => {
    if (el.tagName === 'BUTTON' || !el.hasAttribute('aria-expanded')) return;
    const expanded = el.getAttribute('aria-expanded');
    el.removeAttribute('aria-expanded');
    if (el.id) for (const b of buttonsFor(el)) b.setAttribute('aria-expanded', expanded);
  };
  const markNew = (node) => {
    if (!(node instanceof HTMLElement)) return;
    for (const b of node.querySelectorAll('button[aria-controls]:not([aria-expanded])')) {
      const target = b.closest('.ac-adaptiveCard')?.querySelector(`[id="${CSS.escape(b.getAttribute('aria-controls').split(' ')[0])}"]`);
      if (target) b.setAttribute('aria-expanded', String(target.style.display !== 'none' && !target.hidden));
    }
    for (const el of node.querySelectorAll('[aria-expanded]')) moveState(el);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') moveState(r.target);
      else r.addedNodes.forEach(markNew);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-expanded'] });
}

function renderChat(directLine, store) {
  const { primary } = config.colours;
  window.WebChat.renderWebChat({
    directLine,
    store,
    cardActionMiddleware,
    locale: 'en-US',
    styleOptions: {
      accent: primary,
      bubbleFromUserBackground: primary,
      bubbleFromUserTextColor: '#ffffff',
      bubbleFromUserBorderRadius: 8,
      bubbleBorderRadius: 8,
      sendBoxButtonColor: primary,
      suggestedActionLayout: 'flow',
      suggestedActionBorderColor: primary,
      suggestedActionTextColor: primary,
      hideUploadButton: true,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    },
  }, document.getElementById('webchat'));
}

// --- The page's one chat ---

let current;
let starting = false;

/** Shows the chat on the saved conversation when there is one, else on a new one; one start at a time. */
async function start() {
  if (starting) return;
  starting = true;
  try {
    let connection = savedConversation.read();
    if (!connection) {
      try {
        connection = await fetchToken();
      } catch (err) {
        console.error('Second Look: no chat token', err);
        showConnectError();
        return;
      }
    }
    current = openConversation(connection, {
      onLost() {
        clearNotices();
        showConversationEnded();
        start();
      },
      onFailed: showConnectError,
    });
    // A new store each time: the old one holds the previous conversation's messages.
    renderChat(current.directLine, createStore(current));
    hideConnecting();
  } finally {
    starting = false;
  }
}

async function startOver() {
  if (starting) return;
  current?.close();
  savedConversation.clear();
  clearNotices();
  await start();
  // The button did its job; the person's next step is to answer.
  document.querySelector('#webchat .webchat__send-box-text-box__input')?.focus();
}

document.getElementById('start-over').addEventListener('click', startOver);
// The last chance to save a token refreshed since the last save.
window.addEventListener('pagehide', () => current?.save());
watchToggles(document.getElementById('webchat'));
start();
