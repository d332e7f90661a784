/*
 * Salesbot chat widget: drop it on a page with
 *
 *   <script src="salesbot-widget.js" data-relay="/salesbot/relay" data-title="Ask us"></script>
 *
 * It talks to the site's own relay (see relay.py), which names the visitor (a cookie of its own),
 * signs each message with the channel's secret and forwards it to Salesbot; the secret never
 * reaches the browser. No build step.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var relay = script.getAttribute("data-relay") || "/salesbot/relay";
  var title = script.getAttribute("data-title") || "Chat with us";
  var placeholder = script.getAttribute("data-placeholder") || "Type a message…";

  var MAX_ATTEMPTS = 4;

  function requestId() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + String(Math.random()).slice(2);
  }

  function later(seconds) {
    return new Promise(function (resolve) { setTimeout(resolve, seconds * 1000); });
  }

  var root = document.createElement("div");
  root.className = "salesbot-widget";
  root.innerHTML =
    '<style>' +
    '.salesbot-widget{position:fixed;right:16px;bottom:16px;width:320px;font:14px/1.4 system-ui,sans-serif;' +
    'background:#fff;border:1px solid #ccd;border-radius:12px;box-shadow:0 4px 16px rgba(0,0,0,.12);z-index:2147483000}' +
    '.salesbot-widget header{padding:10px 14px;font-weight:600;border-bottom:1px solid #eef}' +
    '.salesbot-log{height:260px;overflow-y:auto;padding:10px 14px}' +
    '.salesbot-msg{margin:6px 0;padding:6px 10px;border-radius:10px;max-width:85%;white-space:pre-wrap}' +
    '.salesbot-msg.customer{background:#e8f0ff;margin-left:auto}.salesbot-msg.bot{background:#f3f3f5}' +
    '.salesbot-widget form{display:flex;border-top:1px solid #eef}' +
    '.salesbot-widget input{flex:1;border:0;padding:10px 14px;font:inherit;outline:none;border-radius:0 0 0 12px}' +
    '.salesbot-widget button{border:0;background:#3056d3;color:#fff;padding:0 16px;border-radius:0 0 12px 0;cursor:pointer}' +
    '</style>' +
    '<header></header><div class="salesbot-log" aria-live="polite"></div>' +
    '<form><input name="text" autocomplete="off" maxlength="4096"><button type="submit">Send</button></form>';
  root.querySelector("header").textContent = title;
  var log = root.querySelector(".salesbot-log");
  var form = root.querySelector("form");
  var input = form.querySelector("input");
  input.placeholder = placeholder;

  function show(role, text) {
    var line = document.createElement("div");
    line.className = "salesbot-msg " + role;
    line.textContent = text;  // never innerHTML: the text is the customer's and the bot's
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
  }

  // Sent again with the same request id, which Salesbot answers once however often it arrives:
  // after a 5xx, and after a 429 (too many messages just now) once its Retry-After has passed.
  function send(text, id, attempt) {
    return fetch(relay, {
      method: "POST",
      credentials: "same-origin",  // the relay's visitor cookie
      headers: {"Content-Type": "application/json", "X-Salesbot-Request-Id": id},
      body: JSON.stringify({text: text})
    }).then(function (response) {
      if ((response.status === 429 || response.status >= 500) && attempt < MAX_ATTEMPTS) {
        var wait = Math.min(Number(response.headers.get("Retry-After")) || 0.5 * attempt, 60);
        return later(wait).then(function () { return send(text, id, attempt + 1); });
      }
      return response.json();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    show("customer", text);
    send(text, requestId(), 1).then(function (answer) {
      if (answer.reply) { show("bot", answer.reply); }
      else if (answer.error) { show("bot", "Sorry, something went wrong. Please try again."); }
    }).catch(function () { show("bot", "No connection. Please try again."); });
  });

  document.body.appendChild(root);
})();
