// The duplicate review, keyboard first. Keys are read by their place on the keyboard (KeyboardEvent.code), so
// they work on any layout: J/K next/previous pair, M merge, N not a duplicate, S skip, Space select,
// F choose field by field (arrow keys pick a value, M merges), X the selected are not duplicates,
// O merge the selected into the oldest card.
(function () {
  const list = document.getElementById('review');
  if (!list) {
    return;
  }
  const SKIPPED = 'callsheet.review.skipped';
  let current = 0;

  function skipped() {
    try {
      return JSON.parse(sessionStorage.getItem(SKIPPED) || '[]');
    } catch (e) {
      return [];
    }
  }

  function pairs() {
    return Array.from(list.querySelectorAll('.pair:not(.skipped)'));
  }

  function show(index, focus) {
    const all = pairs();
    list.querySelectorAll('.pair.current').forEach((p) => {
      p.classList.remove('current');
      p.removeAttribute('aria-current');
    });
    if (all.length === 0) {
      current = 0;
      return;
    }
    current = Math.max(0, Math.min(index, all.length - 1));
    const pair = all[current];
    pair.classList.add('current');
    pair.setAttribute('aria-current', 'true');
    if (focus !== false) {
      pair.focus({ preventScroll: true });
    }
    pair.scrollIntoView({ block: 'nearest' });
  }

  function skip(pair) {
    const gone = skipped();
    gone.push(pair.dataset.key);
    sessionStorage.setItem(SKIPPED, JSON.stringify(gone));
    pair.classList.add('skipped');
    show(current);
  }

  function bulk(action) {
    const form = document.getElementById('review-bulk');
    const button = form.querySelector(`button[value="${action}"]`);
    if (list.querySelector('.pair-select:checked')) {
      form.requestSubmit(button);
    }
  }

  const gone = skipped();
  list.querySelectorAll('.pair').forEach((pair) => {
    if (gone.includes(pair.dataset.key)) {
      pair.classList.add('skipped');
    }
    pair.addEventListener('click', () => show(pairs().indexOf(pair), false));
    pair.querySelector('.skip').addEventListener('click', () => skip(pair));
  });
  show(0);

  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
      return;
    }
    if (target.closest('textarea, select, [contenteditable]')
        || (target.matches('input') && !target.matches('[type=radio], [type=checkbox]'))) {
      return;
    }
    const pair = pairs()[current];
    switch (event.code) {
      case 'KeyJ':
        show(current + 1);
        break;
      case 'KeyK':
        show(current - 1);
        break;
      case 'KeyM':
        if (pair) {
          pair.querySelector('form.merge-form').requestSubmit();
        }
        break;
      case 'KeyN':
        if (pair) {
          pair.querySelector('form.not-duplicate-form').requestSubmit();
        }
        break;
      case 'KeyS':
        if (pair) {
          skip(pair);
        }
        break;
      case 'KeyF': {
        const fields = pair && pair.querySelector('details.fields');
        if (fields) {
          fields.open = true;
          fields.querySelector('input[type=radio]:checked').focus();
        }
        break;
      }
      case 'KeyX':
        bulk('not-duplicate');
        break;
      case 'KeyO':
        bulk('merge-oldest');
        break;
      case 'Space':
        if (target.matches('input, button, summary, a') || !pair) {
          return;
        }
        pair.querySelector('.pair-select').click();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
