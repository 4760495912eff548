// Berth's operator page: draws every resource of GET /api/v1/ as a table. Values are put in the page as text
// (textContent), never as HTML: names come from container labels and must not become markup.
'use strict';

function cell(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function table(rows) {
  const columns = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      td.textContent = cell(row[c]);
      if (td.textContent.length > 80) td.className = 'wrap';
    }
  }
  return t;
}

async function getJson(href) {
  const r = await fetch(href, { credentials: 'same-origin', cache: 'no-store' });
  const body = await r.json().catch(() => ({ error: 'not JSON (HTTP ' + r.status + ')' }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

async function draw() {
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  let index;
  try {
    index = await getJson('/api/v1/');
  } catch (e) {
    main.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
    return;
  }
  const sections = [];
  const links = [];
  for (const r of index) {
    const s = document.createElement('section');
    s.id = 'r-' + r.name;
    const h = document.createElement('h2');
    h.textContent = r.title + ' ';
    const api = Object.assign(document.createElement('a'), { href: r.href, textContent: r.href, className: 'muted' });
    h.appendChild(api);
    s.appendChild(h);
    try {
      const rows = await getJson(r.href);
      s.appendChild(rows.length ? table(rows)
        : Object.assign(document.createElement('p'), { className: 'muted', textContent: 'none' }));
    } catch (e) {
      s.appendChild(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
    }
    sections.push(s);
    links.push(Object.assign(document.createElement('a'), { href: '#r-' + r.name, textContent: r.title }));
  }
  main.replaceChildren(...sections);
  nav.replaceChildren(...links);
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

draw();
setInterval(draw, 5000);
