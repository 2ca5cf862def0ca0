// The embedding demo: the JS API driving a small form, and the iframe embed URL built from a Dockerfile.
// User text only ever goes through textContent.
import { init, review } from '../dockwise/index.js';

const $ = (id) => document.getElementById(id);

async function api() {
  const source = $('api-source');
  const unsafe = $('api-unsafe');
  const status = $('api-status');
  try {
    await init();
  } catch (e) {
    status.textContent = `Could not load the engine (run \`cargo xtask npm\` before building): ${e.message}`;
    return;
  }
  const update = () => {
    let result;
    try {
      result = review(source.value, { unsafe: unsafe.checked });
    } catch (e) {
      status.textContent = e.message;
      return;
    }
    const items = result.findings.map((f) => {
      const li = document.createElement('li');
      li.dataset.rule = f.rule;
      const code = document.createElement('code');
      code.textContent = f.rule;
      li.append(code, ` line ${f.line} (${f.name}): ${f.message}`);
      return li;
    });
    $('api-findings').replaceChildren(...items);
    $('api-rewritten').textContent = result.rewritten;
    status.textContent = `${result.findings.length} findings, ${result.changes.length} changes`;
  };
  source.addEventListener('input', update);
  unsafe.addEventListener('change', update);
  update();
}

/** The playground's share fragment: `#s=` + base64url(raw deflate(JSON {source})) — the format the playground's
 * Share button writes (web/src/share.rs). */
export async function shareFragment(source) {
  const json = new TextEncoder().encode(JSON.stringify({ source }));
  const deflated = await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  let binary = '';
  for (const byte of new Uint8Array(deflated)) binary += String.fromCharCode(byte);
  return `s=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const EMBEDDED = `FROM python:3.12
COPY . /app
RUN pip install -r /app/requirements.txt
CMD ["python", "/app/app.py"]
`;

async function iframe() {
  const src = `../?embed=1&readonly=1#${await shareFragment(EMBEDDED)}`;
  $('iframe-snippet').textContent = `<iframe src="https://YOUR-DOCKWISE/${src.slice(3)}"\n        title="Dockwise" width="100%" height="520" allow="clipboard-write"></iframe>`;
  $('embed').src = src;
}

api();
iframe();
