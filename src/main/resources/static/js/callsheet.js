// Shortcuts are read by their place on the keyboard (KeyboardEvent.code), not by the character it types, so
// "N" is the same key on a Russian or Korean layout and with Caps Lock on; Escape, Enter and keys without a
// code (virtual keyboards) fall back to the key's name.
function shortcutKey(event) {
  const code = event.code || '';
  let match = /^Key([A-Z])$/.exec(code);
  if (match) {
    return match[1].toLowerCase();
  }
  match = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (match) {
    return match[1];
  }
  const named = { Slash: '/', NumpadDivide: '/', BracketLeft: '[', BracketRight: ']' };
  if (named[code]) {
    return named[code];
  }
  const key = event.key || '';
  return key.length === 1 ? key.toLowerCase() : key;
}

// Keyboard-first navigation: "g" then a letter jumps to a section (see data-key in the menu);
// selects marked data-autosubmit submit their form on change.
(function () {
  let pending = false;
  let timer;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target.closest('input, textarea, select, [contenteditable]')) {
      return;
    }
    if (!pending && shortcutKey(event) === 'g') {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(() => { pending = false; }, 1200);
      return;
    }
    if (pending) {
      pending = false;
      const link = document.querySelector(`.sidebar a[data-key="${shortcutKey(event)}"]`);
      if (link) {
        event.preventDefault();
        link.click();
      }
    }
  });
  document.addEventListener('change', (event) => {
    if (event.target.matches('select[data-autosubmit]')) {
      event.target.form.submit();
    }
  });
})();

// The agent console, keyboard first: N next lead, I find an inbound caller, 1-9/0 outcomes,
// B book a meeting, S the script, O objections, T pause the talk timer, Esc leaves a field.
(function () {
  const typing = (el) => el.closest('input, textarea, select, [contenteditable]');

  function readyPage(root) {
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
        return;
      }
      if (shortcutKey(event) === 'n') {
        event.preventDefault();
        document.getElementById('next-lead').click();
      } else if (shortcutKey(event) === 'i') {
        event.preventDefault();
        document.getElementById('caller').focus();
      }
    });
  }

  function callPage(root) {
    const form = document.getElementById('outcome-form');
    const chosen = document.getElementById('chosen-outcome');
    const talk = document.getElementById('talk-seconds');
    const timerText = document.getElementById('timer');
    // The talk timer belongs to the call, not to the page: a re-render (a form error) keeps counting.
    const timerKey = 'callsheet.timer.' + (root.dataset.hangup || '');
    const kept = JSON.parse(sessionStorage.getItem(timerKey) || 'null');
    const started = kept ? kept.started : Date.now();
    let paused = kept ? kept.paused : 0;
    let pausedAt = kept ? kept.pausedAt : null;
    const keep = () => sessionStorage.setItem(timerKey, JSON.stringify({ started, paused, pausedAt }));
    keep();
    const elapsed = () => Math.round(((pausedAt || Date.now()) - started - paused) / 1000);
    const tick = () => {
      const s = elapsed();
      timerText.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    };
    tick();
    setInterval(tick, 1000);
    const toggleTimer = () => {
      if (pausedAt) {
        paused += Date.now() - pausedAt;
        pausedAt = null;
      } else {
        pausedAt = Date.now();
        hangUp();
      }
      keep();
      timerText.classList.toggle('paused', pausedAt !== null);
    };
    timerText.classList.toggle('paused', pausedAt !== null);
    // The first stop of the talk timer ends the talk: the floor view shows the agent wrapping up.
    let hungUp = false;
    const hangUp = () => {
      if (hungUp || !root.dataset.hangup) {
        return;
      }
      hungUp = true;
      const headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
      fetch(root.dataset.hangup, { method: 'POST', headers: headers, credentials: 'same-origin' });
    };

    const buttons = Array.from(form.querySelectorAll('[data-outcome]'));
    // Only the chosen outcome's own fields are sent: a hidden section's inputs are disabled, so a callback
    // time typed and then abandoned never rides along with "No answer".
    const showExtra = (needs) => form.querySelectorAll('.extra').forEach((extra) => {
      extra.hidden = extra.id !== 'extra-' + needs;
      extra.querySelectorAll('input, textarea, select').forEach((input) => { input.disabled = extra.hidden; });
    });
    // An error clears with its field: once the agent changes the value, the old message is wrong.
    const error = document.getElementById('outcome-error');
    const clearError = () => { if (error) { error.remove(); } };
    const erred = error && form.querySelector('[name="' + error.dataset.field + '"]');
    if (erred) {
      erred.addEventListener('input', clearError, { once: true });
    }
    const choose = (button) => {
      if (button.dataset.outcome !== chosen.value) {
        clearError();
      }
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      chosen.value = button.dataset.outcome;
      talk.value = button.dataset.connected === 'true' ? elapsed() : 0;
      const needs = button.dataset.needs;
      showExtra(needs);
      if (needs === 'none') {
        form.requestSubmit(document.getElementById('save-outcome'));
        return;
      }
      const extra = document.getElementById('extra-' + needs);
      document.getElementById('save-outcome').hidden = false;
      extra.querySelector('input').focus();
    };
    buttons.forEach((b) => b.addEventListener('click', () => choose(b)));
    form.addEventListener('submit', () => {
      const button = buttons.find((b) => b.dataset.outcome === chosen.value);
      if (button) {
        talk.value = button.dataset.connected === 'true' ? elapsed() : 0;
      }
    });
    const again = chosen.value && buttons.find((b) => b.dataset.outcome === chosen.value && b.id !== 'book');
    showExtra(again ? again.dataset.needs : 'none');
    if (again && again.dataset.needs !== 'none') {
      document.getElementById('save-outcome').hidden = false;
    }

    // Quick callback times, counted in the lead's local time.
    const callbackField = document.getElementById('callbackAt');
    const localNow = new Date(callbackField.dataset.localNow + ':00Z');
    const format = (d) => d.toISOString().slice(0, 16).replace('T', ' ');
    form.querySelectorAll('[data-plus-minutes]').forEach((b) => b.addEventListener('click', () => {
      callbackField.value = format(new Date(localNow.getTime() + Number(b.dataset.plusMinutes) * 60000));
      callbackField.focus();
    }));
    form.querySelectorAll('[data-tomorrow]').forEach((b) => b.addEventListener('click', () => {
      const day = new Date(localNow.getTime() + 86400000).toISOString().slice(0, 10);
      callbackField.value = day + ' ' + b.dataset.tomorrow;
      callbackField.focus();
    }));

    // The script follows the lead's answers.
    const script = document.getElementById('script');
    const show = (id) => {
      script.querySelectorAll('.script-node').forEach((n) => { n.hidden = n.dataset.node !== id; });
    };
    if (script) {
      script.querySelectorAll('.answer').forEach((a) => a.addEventListener('click', () => {
        show(a.dataset.next || '__end');
        const first = script.querySelector('.script-node:not([hidden]) .answer');
        if (first) {
          first.focus();
        }
      }));
      document.getElementById('script-restart').addEventListener('click', () => show(script.dataset.start));
    }
    const objections = document.getElementById('objections');

    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        if (document.activeElement && document.activeElement !== document.body) {
          document.activeElement.blur();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
        return;
      }
      const key = shortcutKey(event);
      const button = buttons.find((b) => b.dataset.key === key);
      if (button) {
        event.preventDefault();
        choose(button);
      } else if (key === 's' && script) {
        event.preventDefault();
        const first = script.querySelector('.script-node:not([hidden]) .answer') || document.getElementById('script-restart');
        first.focus();
      } else if (key === 'o' && objections) {
        event.preventDefault();
        objections.hidden = !objections.hidden;
        if (!objections.hidden) {
          objections.querySelector('summary').focus();
        }
      } else if (key === 't') {
        event.preventDefault();
        toggleTimer();
      } else if (key === 'l' && document.getElementById('script-languages')) {
        // The next language of the script (the lead switched to English, say).
        event.preventDefault();
        const links = Array.from(document.querySelectorAll('#script-languages a'));
        const current = links.findIndex((a) => a.classList.contains('current'));
        links[(current + 1) % links.length].click();
      } else if (key === '/') {
        const search = document.getElementById('answer-q');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      }
    });
  }

  function projectList() {
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || !/^[1-9]$/.test(shortcutKey(event))) {
        return;
      }
      const link = document.querySelector(`.project-cards a[data-key="${shortcutKey(event)}"]`);
      if (link) {
        event.preventDefault();
        link.click();
      }
    });
  }

  /**
   * The booking dialog, by physical key (KeyboardEvent.code, so any layout works): 1-9 book the slot with that
   * number (Enter books the one in focus); O U W T F S N pick the next Monday … Sunday of the day picker (the same
   * key again: a week later); ArrowLeft / ArrowRight a day back or on; M A E morning, afternoon, evening of the
   * lead's day (again: off); R the rep picker; B the best slots again; Esc goes back without booking. Before a
   * meeting type is chosen, 1-9 choose the type.
   */
  function bookingPage(root) {
    const weekdayKeys = { KeyO: 1, KeyU: 2, KeyW: 3, KeyT: 4, KeyF: 5, KeyS: 6, KeyN: 7 };
    const partKeys = { KeyM: 'morning', KeyA: 'afternoon', KeyE: 'evening' };
    const digit = (code) => { const m = /^(?:Digit|Numpad)([1-9])$/.exec(code); return m && m[1]; };
    const go = (link) => { if (link) { link.click(); return true; } return false; };
    const days = () => Array.from(root.querySelectorAll('.days a.day'));
    const chosenDay = () => root.querySelector('.days a.day.active');
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
        return;
      }
      const code = event.code;
      let done = false;
      if (code === 'Escape') {
        window.location.href = root.dataset.back;
        done = true;
      } else if (digit(code)) {
        const n = digit(code);
        const slot = root.querySelector(`.slot[data-key="${n}"]`);
        if (slot && !slot.disabled) {
          slot.disabled = true; // one booking per key press, however fast the repeat
          slot.form.submit();
          done = true;
        } else {
          done = go(root.querySelector(`.type-choice[data-key="${n}"]`));
        }
      } else if (weekdayKeys[code] && !event.shiftKey) {
        const all = days();
        const current = chosenDay();
        const from = current && Number(current.dataset.weekday) === weekdayKeys[code] ? all.indexOf(current) + 1 : 0;
        const next = all.slice(from).find((d) => Number(d.dataset.weekday) === weekdayKeys[code])
          || all.find((d) => Number(d.dataset.weekday) === weekdayKeys[code]);
        done = go(next === current ? null : next);
      } else if (code === 'ArrowLeft' || code === 'ArrowRight') {
        const all = days();
        const current = chosenDay();
        const at = current ? all.indexOf(current) + (code === 'ArrowRight' ? 1 : -1) : 0;
        done = go(all[Math.max(0, Math.min(all.length - 1, at))] === current ? null : all[at]);
      } else if (partKeys[code] && !event.shiftKey) {
        done = go(root.querySelector(`.part[data-part="${partKeys[code]}"]`));
      } else if (code === 'KeyB' && !event.shiftKey) {
        done = go(document.getElementById('best-slots'));
      } else if (code === 'KeyR' && !event.shiftKey) {
        const reps = document.getElementById('rep-picker');
        if (reps) {
          reps.focus();
          done = true;
        }
      }
      if (done) {
        event.preventDefault();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const root = document.querySelector('[data-console]');
    if (root && root.dataset.console === 'book') {
      bookingPage(root);
    } else if (root && root.dataset.console === 'ready') {
      readyPage(root);
    } else if (root && root.dataset.console === 'call') {
      callPage(root);
    } else if (document.querySelector('.project-cards')) {
      projectList();
    }
  });
})();

// Deals: move a card by dragging it to another stage, or focus it and press ] (next stage) or [ (previous);
// Enter opens it. The move posts the same form as the deal page, so a move with exit data missing asks for a
// justification first. Checkboxes marked data-autosubmit-check save on change; [data-print] prints the page.
(function () {
  function move(form, card, stage) {
    if (!stage) {
      return;
    }
    form.action = form.dataset.action + card.dataset.deal + '/move';
    form.elements.stage.value = stage;
    form.submit();
  }

  function board(root) {
    const form = document.getElementById('move-form');
    let dragged = null;
    root.querySelectorAll('.deal-card').forEach((card) => {
      card.addEventListener('dragstart', (event) => {
        dragged = card;
        card.classList.add('dragging');
        event.dataTransfer.setData('text/plain', card.dataset.deal);
        event.dataTransfer.effectAllowed = 'move';
      });
      card.addEventListener('dragend', () => {
        card.classList.remove('dragging');
        root.querySelectorAll('.drop').forEach((c) => c.classList.remove('drop'));
      });
      card.addEventListener('keydown', (event) => {
        if (shortcutKey(event) === ']') {
          event.preventDefault();
          move(form, card, card.dataset.next);
        } else if (shortcutKey(event) === '[') {
          event.preventDefault();
          move(form, card, card.dataset.prev);
        } else if (event.key === 'Enter' && event.target === card) {
          card.querySelector('a').click();
        }
      });
    });
    root.querySelectorAll('.board-column').forEach((column) => {
      column.addEventListener('dragover', (event) => {
        event.preventDefault();
        column.classList.add('drop');
      });
      column.addEventListener('dragleave', () => column.classList.remove('drop'));
      column.addEventListener('drop', (event) => {
        event.preventDefault();
        column.classList.remove('drop');
        if (dragged && dragged.closest('.board-column') !== column) {
          move(form, dragged, column.dataset.stage);
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const root = document.querySelector('[data-board]');
    if (root) {
      board(root);
    }
    document.querySelectorAll('input[data-autosubmit-check]').forEach((box) => {
      box.addEventListener('change', () => box.form.submit());
    });
    document.querySelectorAll('[data-print]').forEach((b) => b.addEventListener('click', () => window.print()));
    document.querySelectorAll('button[data-busy]').forEach((b) => b.form.addEventListener('submit', () => {
      b.disabled = true;
      b.setAttribute('aria-busy', 'true');
    }));
  });
})();

// The duty roster's week grid: clicking a stretch (a gap, an empty one, or someone's) fills the
// "every week" form with its weekday and hours, so a supervisor draws the week from the grid.
document.addEventListener('click', (event) => {
  const cell = event.target.closest('#week-grid td.slot');
  const form = document.getElementById('add-pattern');
  if (!cell || !form) {
    return;
  }
  form.querySelector('#pattern-weekday').value = cell.dataset.weekday;
  form.querySelector('#pattern-from').value = cell.dataset.from;
  form.querySelector('#pattern-to').value = cell.dataset.to === '00:00' ? '24:00' : cell.dataset.to;
  form.querySelector('#pattern-user').focus();
  form.scrollIntoView({ block: 'nearest' });
});
