// The embed snippet's script: a "Chat with us" button in the bottom-right corner of the clinic's own site that
// opens the Second Look page in a panel (an iframe of /chat on the bot's server, which allows the sites listed
// in ALLOWED_ORIGINS to frame it). Usage: <script src="https://BOT-HOST/web/embed.js" defer></script>
(function () {
  'use strict';
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const label = script.dataset.label || 'Back pain check-in';

  const style = document.createElement('style');
  style.textContent = [
    '.second-look-button{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.75rem 1.1rem;border:0;border-radius:999px;',
    'background:#1f5f8b;color:#fff;font:600 1rem system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer}',
    '.second-look-button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}',
    '.second-look-panel{position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));',
    'height:min(40rem,calc(100dvh - 6rem));border:1px solid #ccc;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.3);background:#fff}',
    '.second-look-panel[hidden]{display:none}',
  ].join('');
  document.head.appendChild(style);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'second-look-button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'second-look-panel');
  if (script.dataset.color) button.style.background = script.dataset.color;

  let frame;
  const panel = document.createElement('div');
  panel.id = 'second-look-panel';
  panel.className = 'second-look-panel';
  panel.hidden = true;

  function toggle(open) {
    if (open && !frame) {
      // Loaded on first open only: a visitor who never opens the chat never downloads it.
      frame = document.createElement('iframe');
      frame.src = `${origin}/chat`;
      frame.title = label;
      frame.style.cssText = 'width:100%;height:100%;border:0;border-radius:8px';
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) frame.focus();
  }
  button.addEventListener('click', () => toggle(panel.hidden));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) { toggle(false); button.focus(); }
  });
  document.body.append(panel, button);
}());
