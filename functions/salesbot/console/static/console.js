// The console's own script, an enhancement only: every page works without it. It refreshes the
// inbox and a conversation's messages in place, sends replies without a reload, submits the
// company switcher on change, copies snippets, and asks before a form that removes something.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var PARTIAL = 'X-Salesbot-Partial';

  function refresh(region) {
    var kind = region.getAttribute('data-refresh');
    var seconds = Number(region.getAttribute('data-refresh-seconds')) || 10;
    function tick() {
      if (document.hidden) { return schedule(); }
      var url = location.pathname + location.search;
      if (kind === 'messages') {
        url += (location.search ? '&' : '?') + 'after=' + encodeURIComponent(region.getAttribute('data-after') || '0');
      }
      fetch(url, {headers: {'X-Salesbot-Partial': kind}, credentials: 'same-origin'})
        .then(function (response) { return response.ok ? response.text() : ''; })
        .then(function (html) {
          if (kind === 'messages') { append(region, html); } else if (html) { region.innerHTML = html; }
        })
        .catch(function () {})
        .then(schedule);
    }
    function schedule() { setTimeout(tick, seconds * 1000); }
    schedule();
    return tick;
  }

  // New messages arrive as <li data-id> fragments; those already shown are skipped.
  function append(list, html) {
    var holder = document.createElement('ol');
    holder.innerHTML = html;
    var added = false;
    Array.prototype.forEach.call(holder.querySelectorAll('li[data-id]'), function (item) {
      if (!list.querySelector('li[data-id="' + item.getAttribute('data-id') + '"]')) {
        list.appendChild(item);
        list.setAttribute('data-after', item.getAttribute('data-id'));
        added = true;
      }
    });
    if (added) { list.lastElementChild.scrollIntoView({block: 'end'}); }
  }

  var messagesTick = null;
  Array.prototype.forEach.call(document.querySelectorAll('[data-refresh]'), function (region) {
    var tick = refresh(region);
    if (region.getAttribute('data-refresh') === 'messages') { messagesTick = tick; }
  });

  var reply = document.getElementById('reply');
  if (reply) {
    reply.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = reply.querySelector('button[type=submit]');
      button.disabled = true;
      var headers = {}; headers[PARTIAL] = 'messages';
      fetch(reply.action, {method: 'POST', body: new FormData(reply), headers: headers, credentials: 'same-origin'})
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          reply.querySelector('textarea').value = '';
          // A new key for the next reply; this one is spent.
          reply.querySelector('input[name=reply_key]').value = String(Date.now()) + Math.random().toString(16).slice(2);
          if (messagesTick) { messagesTick(); }
        })
        .catch(function () { reply.submit(); })  // let the server say what went wrong, as without script
        .then(function () { button.disabled = false; });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('select[data-autosubmit]'), function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-copy]'), function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      source.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(source.value); } else { document.execCommand('copy'); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
    });
  });
}());
