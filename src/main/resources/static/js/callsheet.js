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
    if (!pending && event.key === 'g') {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(() => { pending = false; }, 1200);
      return;
    }
    if (pending) {
      pending = false;
      const link = document.querySelector(`.sidebar a[data-key="${event.key}"]`);
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
