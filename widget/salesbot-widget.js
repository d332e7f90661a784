/*
 * Salesbot chat widget: drop it on a page with
 *
 *   <script src="salesbot-widget.js" data-relay="/salesbot/relay" data-title="Ask us"></script>
 *
 * It talks to the site's own relay (see relay.py), which names the visitor (a cookie of its own),
 * signs each message with the channel's secret and forwards it to Salesbot; the secret never
 * reaches the browser. No build step.
 *
 * A launcher button opens the chat. While it is open the widget asks the relay every few seconds
 * for what was written since (a manager answering, say), so it shows messages it did not ask for;
 * closed, it asks rarely and only once there is a conversation, to badge the launcher. Labels
 * follow the page's language (<html lang="ru"> or anything else: English), or data-lang.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var relay = script.getAttribute("data-relay") || "/salesbot/relay";
  var LABELS = {
    ru: {title: "Напишите нам", placeholder: "Напишите сообщение…", send: "Отправить", open: "Открыть чат",
         close: "Закрыть чат", greeting: "Здравствуйте! Чем можем помочь?", manager: "Менеджер",
         error: "Не получилось отправить. Попробуйте ещё раз.", offline: "Нет связи. Попробуйте ещё раз."},
    en: {title: "Chat with us", placeholder: "Type a message…", send: "Send", open: "Open chat",
         close: "Close chat", greeting: "Hello! How can we help?", manager: "Manager",
         error: "Sorry, something went wrong. Please try again.", offline: "No connection. Please try again."}
  };
  var pageLanguage = (script.getAttribute("data-lang") || document.documentElement.lang || "").toLowerCase();
  var labels = LABELS[pageLanguage.slice(0, 2) === "ru" ? "ru" : "en"];
  var title = script.getAttribute("data-title") || labels.title;
  var placeholder = script.getAttribute("data-placeholder") || labels.placeholder;
  var OPEN_POLL_MS = 3000;  // a manager's answer shows within this (and one round trip)
  var CLOSED_POLL_MS = 20000;

  var MAX_ATTEMPTS = 4;

  function requestId() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + String(Math.random()).slice(2);
  }

  function later(seconds) {
    return new Promise(function (resolve) { setTimeout(resolve, seconds * 1000); });
  }

  // Whether this browser has written before: the visitor's id itself is the relay's HttpOnly cookie.
  var CHATTED = "salesbot-chatted";
  var returning = false;
  try { returning = !!window.localStorage.getItem(CHATTED); } catch (e) { /* private mode */ }

  function rememberChatting() {
    try { window.localStorage.setItem(CHATTED, "1"); } catch (e) { /* private mode: no badge next visit */ }
  }

  var root = document.createElement("div");
  root.className = "salesbot-widget";
  root.innerHTML =
    '<style>' +
    '.salesbot-widget{font:15px/1.4 system-ui,sans-serif;color:#1d1d1f}' +
    '.salesbot-launcher{position:fixed;right:16px;bottom:16px;width:56px;height:56px;border:0;border-radius:50%;' +
    'background:#3056d3;color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.2);z-index:2147483000}' +
    '.salesbot-badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;border-radius:10px;' +
    'background:#e5484d;font:600 12px/20px system-ui,sans-serif;padding:0 5px;box-sizing:border-box}' +
    '.salesbot-panel{position:fixed;right:16px;bottom:84px;width:360px;max-width:calc(100vw - 32px);' +
    'height:520px;max-height:calc(100vh - 100px);display:flex;flex-direction:column;box-sizing:border-box;' +
    'background:#fff;border:1px solid #ccd;border-radius:12px;box-shadow:0 4px 16px rgba(0,0,0,.12);z-index:2147483000}' +
    '.salesbot-panel[hidden],.salesbot-badge[hidden]{display:none}' +
    '.salesbot-panel header{display:flex;align-items:center;padding:10px 14px;font-weight:600;border-bottom:1px solid #eef}' +
    '.salesbot-panel header span{flex:1}' +
    '.salesbot-close{border:0;background:none;font-size:22px;line-height:1;cursor:pointer;color:#667}' +
    '.salesbot-log{flex:1;overflow-y:auto;padding:10px 14px}' +
    '.salesbot-msg{margin:6px 0;padding:6px 10px;border-radius:10px;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere}' +
    '.salesbot-msg.customer{background:#e8f0ff;margin-left:auto}.salesbot-msg.bot,.salesbot-msg.manager{background:#f3f3f5}' +
    '.salesbot-msg.manager{border-left:3px solid #3056d3}' +
    '.salesbot-who{display:block;font-size:12px;color:#556;margin-bottom:2px}' +
    '.salesbot-panel form{display:flex;border-top:1px solid #eef}' +
    '.salesbot-panel input{flex:1;min-width:0;border:0;padding:12px 14px;font:inherit;font-size:16px;outline:none;border-radius:0 0 0 12px}' +
    '.salesbot-send{border:0;background:#3056d3;color:#fff;padding:0 16px;border-radius:0 0 12px 0;cursor:pointer;font:inherit}' +
    '@media (max-width:480px){.salesbot-panel{left:8px;right:8px;bottom:8px;width:auto;max-width:none;' +
    'height:auto;top:8px;max-height:none}}' +
    '</style>' +
    '<button type="button" class="salesbot-launcher" aria-expanded="false">💬<span class="salesbot-badge" hidden></span></button>' +
    '<div class="salesbot-panel" role="dialog" hidden>' +
    '<header><span></span><button type="button" class="salesbot-close">×</button></header>' +
    '<div class="salesbot-log" aria-live="polite"></div>' +
    '<form><input name="text" autocomplete="off" maxlength="4096"><button type="submit" class="salesbot-send"></button></form>' +
    '</div>';
  var launcher = root.querySelector(".salesbot-launcher");
  var badge = root.querySelector(".salesbot-badge");
  var panel = root.querySelector(".salesbot-panel");
  var closer = root.querySelector(".salesbot-close");
  var log = root.querySelector(".salesbot-log");
  var form = root.querySelector("form");
  var input = form.querySelector("input");
  launcher.setAttribute("aria-label", labels.open);
  closer.setAttribute("aria-label", labels.close);
  panel.setAttribute("aria-label", title);
  root.querySelector("header span").textContent = title;
  form.querySelector("button").textContent = labels.send;
  input.placeholder = placeholder;

  var seen = {};       // message id -> true: shown already
  var pending = [];    // the visitor's messages shown before the server gave them an id
  var lastId = 0;      // the newest message id shown
  var unread = 0;
  var greeted = false;
  var polling = null;  // the timer of the next poll
  var inFlight = null;  // the poll under way
  var again = false;    // asked for while one was under way: it may have missed something
  var quietUntil = 0;   // after a 429: no poll before this time (ms)

  function show(role, text) {
    var line = document.createElement("div");
    line.className = "salesbot-msg " + role;
    if (role === "manager") {
      var who = document.createElement("span");
      who.className = "salesbot-who";
      who.textContent = labels.manager;
      line.appendChild(who);
    }
    line.appendChild(document.createTextNode(text));  // never innerHTML: the text is the customer's and the bot's
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
    return line;
  }

  function greet(greeting) {
    if (!greeted && lastId === 0 && pending.length === 0) {
      greeted = true;
      show("bot salesbot-greeting", greeting || labels.greeting);
    }
  }

  // Messages from the server, oldest first: each shown once. The visitor's own were shown as they
  // sent them, and come back in the order sent (cleaned up, so maybe not letter for letter).
  function take(messages) {
    for (var i = 0; i < messages.length; i++) {
      var message = messages[i];
      if (seen[message.id]) { continue; }
      seen[message.id] = true;
      lastId = Math.max(lastId, message.id);
      if (message.role === "customer" && pending.length) {
        pending.shift();
        continue;
      }
      show(message.role, message.text);
      if (message.role !== "customer" && panel.hidden) { unread++; }
    }
    badge.hidden = unread === 0;
    badge.textContent = String(unread);
  }

  function poll() {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = fetch(relay, {
      method: "POST",
      credentials: "same-origin",  // the relay's visitor cookie
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({after: lastId})
    }).then(function (response) {
      if (response.status === 429) {  // polling too often from this address: wait as asked
        quietUntil = Date.now() + 1000 * Math.min(Number(response.headers.get("Retry-After")) || 5, 60);
      }
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && answer.messages) {
        take(answer.messages);
        greet(answer.greeting);
      }
    }).catch(function () { /* the next poll tries again */ })
      .then(function () {
        inFlight = null;
        if (again) {
          again = false;
          return poll();
        }
      });
    return inFlight;
  }

  function schedule() {
    clearTimeout(polling);
    if (document.hidden) { return; }  // visibilitychange polls again on return
    var open = !panel.hidden;
    if (!open && lastId === 0) { return; }  // nobody to badge for yet
    var wait = Math.max(open ? OPEN_POLL_MS : CLOSED_POLL_MS, quietUntil - Date.now());
    polling = setTimeout(function () { poll().then(schedule); }, wait);
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      unread = 0;
      badge.hidden = true;
      input.focus();
      poll().then(schedule);
    } else {
      schedule();
    }
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

  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  closer.addEventListener("click", function () { setOpen(false); });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { poll().then(schedule); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    show("customer", text);
    pending.push(text);
    // After the poll under way, if any: a new visitor's first request gets the relay's cookie, and
    // every later one must carry it. The reply is stored with the conversation: the poll right after
    // shows it, with anything else new.
    var id = requestId();
    (inFlight || Promise.resolve()).then(function () { return send(text, id, 1); }).then(function (answer) {
      if (answer.error) { show("bot", labels.error); } else { rememberChatting(); }
      return poll();
    }).catch(function () { show("bot", labels.offline); }).then(schedule);
  });

  document.body.appendChild(root);
  if (returning) { poll().then(schedule); }  // a returning visitor's conversation, and a badge if it moved on
})();
