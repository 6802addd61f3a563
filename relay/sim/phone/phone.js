// The simulated Smart-ID app: lists pending requests and answers them.
// Served as a file (no inline script) so a strict CSP allows it.

const list = document.getElementById('requests');
const template = document.getElementById('request');
const message = document.getElementById('message');
let highlight = '';
let shown = '';

async function scanFromLocation() {
  const query = location.search.slice(1);
  if (!query.includes('sessionToken=')) return;
  const res = await fetch('phone/scan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
  if (res.ok) {
    highlight = (await res.json()).id;
    message.textContent = 'Link opened: confirm or refuse the highlighted request.';
  } else {
    message.textContent = 'This link is not valid (any more).';
  }
}

function render(state) {
  const key = JSON.stringify(state.requests) + highlight;
  if (key === shown) return; // keep what the person is typing
  shown = key;
  list.replaceChildren();
  if (state.requests.length === 0) {
    const p = document.createElement('p');
    p.textContent = 'No pending requests.';
    list.append(p);
    return;
  }
  for (const r of state.requests) {
    const node = template.content.firstElementChild.cloneNode(true);
    node.classList.toggle('highlight', r.id === highlight);
    node.querySelector('.title').textContent = r.kind === 'signature' ? 'Sign (PIN2)' : 'Choose a certificate';
    node.querySelector('.rp').textContent = r.relyingParty;
    node.querySelector('.text').textContent = r.text || '';
    node.querySelector('.vc').textContent = r.vc ? 'Code ' + r.vc : '';
    const select = node.querySelector('select');
    if (r.documentNumber) {
      node.querySelector('.account').classList.add('hidden');
    } else {
      for (const a of state.accounts) select.append(new Option(a, a));
    }
    const pin = node.querySelector('input');
    node.querySelector('.confirm').addEventListener('click', () => answer(r, true, pin.value, select.value));
    node.querySelector('.refuse').addEventListener('click', () => answer(r, false, '', select.value));
    list.append(node);
  }
}

async function answer(r, confirm, pin, documentNumber) {
  const res = await fetch('phone/answer', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: r.id, confirm, pin, documentNumber: r.documentNumber ? '' : documentNumber }),
  });
  message.textContent = res.ok ? (confirm ? 'Confirmed.' : 'Refused.') : (await res.json()).detail;
  refresh();
}

async function refresh() {
  try {
    const res = await fetch('phone/requests', { cache: 'no-store' });
    if (res.ok) render(await res.json());
  } catch {
    message.textContent = 'The simulator does not answer.';
  }
}

await scanFromLocation();
refresh();
setInterval(refresh, 1000);
