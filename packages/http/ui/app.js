// The Strata inspector: plain DOM, no framework, no CDN. It reads what the API serves (already redacted)
// and writes through the same endpoints as curl. Every piece of text goes in through textContent, never
// innerHTML, so a value cannot become markup. The token lives in sessionStorage only (no cookie: no CSRF).

const base = location.pathname.replace(/\/ui\/?$/, '');
const $ = (id) => document.getElementById(id);
const tokenInput = $('token');
tokenInput.value = sessionStorage.getItem('strata-token') || '';
tokenInput.addEventListener('change', () => {
  sessionStorage.setItem('strata-token', tokenInput.value);
  refresh();
});

function headers(json) {
  const h = {};
  if (tokenInput.value) h.authorization = `Bearer ${tokenInput.value}`;
  if (json) h['content-type'] = 'application/json';
  return h;
}

async function api(path, init = {}) {
  const response = await fetch(`${base}${path}`, { ...init, headers: headers(init.body !== undefined) });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function show(value) {
  return value === null || value === undefined ? '(unset)' : JSON.stringify(value);
}

function originText(origin) {
  if (typeof origin === 'string') return origin;
  return `${origin.source} ${origin.locator}${origin.version === undefined ? '' : `@v${origin.version}`}`;
}

function notice(text, kind) {
  const line = el('div', text, kind);
  $('notices').prepend(line);
  while ($('notices').children.length > 5) $('notices').lastChild.remove();
}

async function explain(path) {
  const { ok, body } = await api(`/config/${encodeURIComponent(path)}`);
  const box = $('candidates');
  box.replaceChildren();
  box.hidden = false;
  if (!ok) return box.append(el('p', body.error ? body.error.message : 'failed'));
  box.append(el('h3', `${path} = ${show(body.value)}`));
  const list = el('ol');
  for (const candidate of body.candidates) {
    list.append(
      el(
        'li',
        `${show(candidate.value)} from ${originText(candidate.origin)}`,
        candidate.winner ? 'winner' : '',
      ),
    );
  }
  if (body.candidates.length === 0) list.append(el('li', `default ${show(body.defaultValue)}`));
  box.append(list);
}

async function refresh() {
  const { ok, body } = await api('/config');
  if (!ok) {
    notice(body.error ? body.error.message : 'cannot read the configuration', 'rejected');
    return;
  }
  $('environment').textContent = body.environment;
  $('generation').textContent = String(body.generation);
  const rows = body.fields.map((field) => {
    const row = el('tr', undefined, 'field');
    row.dataset.path = field.path;
    row.append(
      el('td', field.path),
      el('td', show(field.value), field.secret ? 'secret' : ''),
      el('td', originText(field.origin), 'origin'),
    );
    row.addEventListener('click', () => explain(field.path));
    return row;
  });
  $('fields').tBodies[0].replaceChildren(...rows);
  $('paths').replaceChildren(
    ...body.fields.map((field) => Object.assign(el('option'), { value: field.path })),
  );
  const warnings = body.warnings.map((w) => el('li', `${w.path}: ${w.message}`));
  for (const path of body.awaitingRestart) warnings.push(el('li', `${path}: waits for a restart`));
  $('warnings').replaceChildren(...(warnings.length ? warnings : [el('li', 'none')]));
  await history();
}

async function history() {
  const { ok, body } = await api('/history');
  if (!ok) return;
  const items = body.entries
    .slice()
    .reverse()
    .map((entry) => {
      const item = el(
        'li',
        `generation ${entry.generation} · ${entry.createdAt} · ${entry.reasons.map((r) => r.detail).join('; ')}`,
      );
      for (const change of entry.diff)
        item.append(el('div', `${change.path}: ${show(change.before)} → ${show(change.after)}`, 'diff'));
      if (entry.generation !== body.generation) {
        const button = el('button', `roll back to ${entry.generation}`);
        button.addEventListener('click', async () => {
          const result = await api('/rollback', {
            method: 'POST',
            body: JSON.stringify({ generation: entry.generation }),
          });
          if (!result.ok) notice(result.body.error.message, 'rejected');
        });
        item.append(button);
      }
      return item;
    });
  $('history').replaceChildren(...items);
}

function parseValue() {
  const text = $('override-value').value;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { value: text };
  }
}

function problemsText(problems) {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

let validating = 0;
async function validate() {
  const path = $('override-path').value.trim();
  const out = $('override-problems');
  if (!path || $('override-value').value === '') return;
  const mine = ++validating;
  const { ok, body } = await api('/validate', {
    method: 'POST',
    body: JSON.stringify({ values: { [path]: parseValue().value } }),
  });
  if (mine !== validating) return;
  if (!ok) {
    out.className = '';
    out.textContent = body.error.message;
  } else if (!body.valid) {
    out.className = '';
    out.textContent = problemsText(body.problems);
  } else {
    out.className = 'ok';
    out.textContent = 'valid';
  }
}
$('override-value').addEventListener('input', validate);
$('override-path').addEventListener('input', validate);

$('override').addEventListener('submit', async (event) => {
  event.preventDefault();
  const path = $('override-path').value.trim();
  const reason = $('override-reason').value;
  const payload = { ...parseValue(), ...(reason ? { reason } : {}) };
  const { ok, body } = await api(`/overrides/${encodeURIComponent(path)}`, {
    method: 'PUT',
    body: JSON.stringify(payload),
  });
  const out = $('override-problems');
  if (ok) {
    out.className = 'ok';
    out.textContent = `applied: generation ${body.generation}`;
  } else {
    out.className = '';
    out.textContent = body.error.problems ? problemsText(body.error.problems) : body.error.message;
  }
});

$('environments').addEventListener('change', async () => {
  const name = $('environments').value;
  const box = $('environment-diff');
  box.replaceChildren();
  if (!name) return;
  const { ok, body } = await api(`/environments/${encodeURIComponent(name)}`);
  if (!ok) return box.append(el('p', body.error.message));
  if (!body.valid) box.append(el('p', `invalid: ${problemsText(body.problems)}`));
  for (const d of body.differences) {
    box.append(
      el(
        'div',
        d.secret
          ? `${d.path}: secret ${d.status}`
          : `${d.path}: ${show(d.running)} (running) → ${show(d.other)} (${name})`,
        'diff',
      ),
    );
  }
  if (body.differences.length === 0) box.append(el('p', 'same values as the running environment'));
});

async function environments() {
  const { ok, body } = await api('/environments');
  if (!ok) return;
  for (const name of body.environments)
    $('environments').append(Object.assign(el('option', name), { value: name }));
}

// EventSource cannot send a header: the stream is read with fetch instead, so the token stays a header.
async function listen() {
  for (;;) {
    try {
      const response = await fetch(`${base}/events`, { headers: headers(false) });
      if (!response.ok) throw new Error(String(response.status));
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block);
          const data = /^data: (.*)$/m.exec(block);
          if (type && data) onEvent(type[1], JSON.parse(data[1]));
        }
      }
    } catch {
      // Reconnect below.
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function onEvent(type, event) {
  if (type === 'changed') {
    notice(
      `changed → generation ${event.generation}: ${event.diff.map((c) => c.path).join(', ')}`,
      'changed',
    );
    refresh();
  } else if (type === 'rejected') {
    notice(
      `rejected (generation ${event.generation} kept): ${event.error.message.split('\n')[0]}`,
      'rejected',
    );
  } else if (type === 'sourceFailed') {
    notice(`source ${event.source} failing: ${event.error.message}`, 'rejected');
  } else if (type === 'sourceRecovered') {
    notice(`source ${event.source} recovered`, 'changed');
  }
}

refresh();
environments();
listen();
