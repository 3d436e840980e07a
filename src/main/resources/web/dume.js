'use strict';
// The DUME page (docs/operators/dume.md): a file is sent as it is to the server, which answers its page (or the
// list of what is wrong); a kept DUME is asked for by its identifier. Either is shown in a sandboxed frame: no
// script of a DUME's page could run, and the page has none.
(() => {
  const MAX_BYTES = 8 * 1024 * 1024;
  const frame = document.getElementById('dume-frame');
  const status = document.getElementById('dume-status');
  const lang = () => document.getElementById('dume-lang').value;
  const say = text => { status.textContent = text; };

  document.getElementById('dume-file-form').addEventListener('submit', async event => {
    event.preventDefault();
    const file = document.getElementById('dume-file').files[0];
    if (!file) {
      say('Choose a file first.');
      return;
    }
    if (file.size > MAX_BYTES) {
      // Refused here, not sent: the server would refuse it too (413).
      frame.srcdoc = '';
      say(`${file.name}: refused, ${file.size} bytes, over the ${MAX_BYTES} bytes (8 MB) a DUME may be; not sent.`);
      return;
    }
    say(`Reading ${file.name}…`);
    try {
      const answer = await fetch(`/api/ops/v1/dume/view?lang=${lang()}&name=${encodeURIComponent(file.name)}`,
          {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: file});
      frame.srcdoc = await answer.text();
      say(answer.ok ? `${file.name}: shown below.` : `${file.name}: refused (${answer.status}), what is wrong is listed below.`);
    } catch (failed) {
      say(`${file.name}: not sent (${failed.message}).`);
    }
  });

  document.getElementById('dume-id-form').addEventListener('submit', event => {
    event.preventDefault();
    const id = document.getElementById('dume-id').value.trim();
    frame.removeAttribute('srcdoc');
    frame.src = `/dume/${encodeURIComponent(id)}?lang=${lang()}`;
    say(`DUME ${id} asked for: shown below.`);
  });
})();
