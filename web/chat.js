// The clinic page: Microsoft Web Chat on whichever Direct Line the server offers (its own, or Azure's), plus
// banners for assessments that need action today. Plain ES, no bundler: window.WebChat comes from /webchat.js.
'use strict';

const config = JSON.parse(document.getElementById('chat-config').textContent);

/** Banners only ever go up a level: a later, lower result never hides an emergency. */
const LEVEL = { urgent: 1, emergency: 2 };
let shownLevel = 0;

function showBanner(urgency, action) {
  const level = LEVEL[urgency] ?? 0;
  if (level <= shownLevel) return;
  shownLevel = level;
  const banner = document.getElementById(`${urgency}-template`).content.cloneNode(true);
  banner.querySelector('.banner-action').textContent = action ?? '';
  if (urgency === 'emergency') document.getElementById('notice').replaceChildren();
  // Inserted into a live region that was already there, so screen readers announce it.
  document.getElementById(urgency === 'emergency' ? 'alert' : 'notice').replaceChildren(banner);
}

function showConnectError() {
  document.getElementById('connecting').remove();
  document.getElementById('alert').replaceChildren(document.getElementById('connect-error-template').content.cloneNode(true));
}

/** Reads each activity on its way in: the bot's assessment carries channelData.triage (CONTRACT.md). */
const store = window.WebChat.createStore({}, () => (next) => (action) => {
  if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
    const activity = action.payload.activity;
    const triage = activity.from && activity.from.role !== 'user' ? activity.channelData?.triage : undefined;
    if (triage) showBanner(triage.urgency, triage.action);
  }
  return next(action);
});

async function fetchToken() {
  const response = await fetch(config.tokenUrl, { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== 'string') throw new Error(body.error ?? `token route answered ${response.status}`);
  return body;
}

async function start() {
  let answer;
  try {
    answer = await fetchToken();
  } catch (err) {
    console.error('Second Look: no chat token', err);
    showConnectError();
    return;
  }
  const { primary } = config.colours;
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: answer.domain, token: answer.token, webSocket: false }),
    store,
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
  document.getElementById('connecting').remove();
}

start();
