/*
 * Release Ledger: the Releases page.
 *
 * One script for both faces: the CLI's `serve` (standalone/index.html) and the Jenkins job page (a Stapler adjunct,
 * io.releaseledger.page.releases). It renders into <div id="release-ledger" data-api="..."> and reads the JSON
 * API documented in docs/releases-api.md from the base URL in data-api.
 *
 * Rules kept here: no globals besides this IIFE; the DOM is built with createElement/textContent only, so
 * everything that comes from commits, builds or users shows as text; no inline styles (Jenkins sends a
 * Content-Security-Policy); links from data only when they are http(s).
 */
(function () {
  'use strict';

  const HISTORY_SIZE = 20;
  const REFRESH_MILLIS = 60000;
  const TYPE_LABELS = {
    'version.tagged': 'tagged',
    'deployment.started': 'deploy started',
    'deployment.succeeded': 'deployed',
    'deployment.failed': 'deploy failed',
    'check.recorded': 'checked',
    'release.promoted': 'promoted',
    'release.rolledback': 'rolled back',
    'release.marked-bad': 'marked bad',
    'release.bad-cleared': 'bad mark cleared',
    'environment.locked': 'locked',
    'environment.unlocked': 'unlocked',
    'approval.requested': 'approval requested',
    'approval.granted': 'approved',
    'approval.rejected': 'rejected',
    'freeze.overridden': 'freeze overridden'
  };

  /* ---------- small DOM helpers: text only, never markup ---------- */

  function el(tag, className, children) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children === undefined || children === null || children === false) {
      return node;
    }
    if (Array.isArray(children)) {
      children.forEach((child) => append(node, child));
    } else if (children instanceof Node) {
      node.appendChild(children);
    } else {
      node.appendChild(document.createTextNode(String(children)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** The URL if it is http(s) (relative ones resolved against the page), else null: no javascript: links. */
  function safeUrl(url) {
    if (typeof url !== 'string' || url === '') {
      return null;
    }
    try {
      const parsed = new URL(url, document.baseURI);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  /** A link when the URL is safe, else the text alone. */
  function link(url, text, className) {
    const href = safeUrl(url);
    if (!href) {
      return el('span', className, text);
    }
    const a = el('a', className, text);
    a.href = href;
    a.rel = 'noopener noreferrer';
    return a;
  }

  function badge(text, kind) {
    return el('span', 'rl-badge rl-badge-' + kind, text);
  }

  /* ---------- formatting ---------- */

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function parseTime(value) {
    if (typeof value !== 'string' || value === '') {
      return null;
    }
    const date = new Date(value);
    return isNaN(date.getTime()) ? null : date;
  }

  function exactTime(date) {
    return date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate()) + ' '
        + pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes()) + ':' + pad(date.getUTCSeconds()) + ' UTC';
  }

  const RELATIVE = typeof Intl !== 'undefined' && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat('en', {numeric: 'auto'}) : null;

  function relativeTime(date) {
    const seconds = Math.round((date.getTime() - Date.now()) / 1000);
    const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
    let value = seconds;
    for (const [size, unit] of steps) {
      if (Math.abs(value) < size) {
        if (RELATIVE) {
          return RELATIVE.format(unit === 'second' && Math.abs(value) < 10 ? 0 : value, unit);
        }
        return Math.abs(value) + ' ' + unit + (Math.abs(value) === 1 ? '' : 's') + (value <= 0 ? ' ago' : ' from now');
      }
      value = Math.round(value / size);
    }
    return exactTime(date);
  }

  /** "3 hours ago (2026-11-22 10:15:30 UTC)": relative and exact, the exact one also as the title. */
  function timeNode(value, withExact) {
    const date = parseTime(value);
    if (!date) {
      return el('span', 'rl-muted', value ? String(value) : '—');
    }
    const node = el('time', 'rl-time', relativeTime(date));
    node.dateTime = date.toISOString();
    node.title = exactTime(date);
    if (!withExact) {
      return node;
    }
    return el('span', 'rl-when', [node, ' ', el('span', 'rl-exact', '(' + exactTime(date) + ')')]);
  }

  function personName(person) {
    if (!person || typeof person !== 'object') {
      return null;
    }
    return person.name || person.id || null;
  }

  function personNode(person) {
    const name = personName(person);
    if (!name) {
      return el('span', 'rl-muted', 'unknown');
    }
    const node = el('span', 'rl-person', name);
    if (person.id && person.id !== name) {
      node.title = person.id;
    }
    return node;
  }

  function shortCommit(id) {
    return typeof id === 'string' && id.length > 10 ? id.substring(0, 10) : String(id || '');
  }

  function shortDigest(digest) {
    if (typeof digest !== 'string' || digest === '') {
      return '';
    }
    const colon = digest.indexOf(':');
    const algorithm = colon < 0 ? '' : digest.substring(0, colon + 1);
    const hex = colon < 0 ? digest : digest.substring(colon + 1);
    return algorithm + (hex.length > 12 ? hex.substring(0, 12) + '…' : hex);
  }

  function buildNode(build) {
    if (!build || typeof build !== 'object') {
      return el('span', 'rl-muted', '—');
    }
    const label = (build.job ? build.job + ' ' : '') + (build.number !== undefined && build.number !== null
      ? '#' + build.number : 'build');
    return link(build.url, label, 'rl-build');
  }

  function imageNode(image) {
    if (!image || typeof image !== 'object') {
      return el('span', 'rl-muted', '—');
    }
    const name = (image.repository || '') + (image.tag ? ':' + image.tag : '');
    const parts = [el('span', 'rl-image-name', name || '—')];
    if (image.digest) {
      const digest = el('code', 'rl-digest', shortDigest(image.digest));
      digest.title = image.digest;
      parts.push(' ', digest);
    }
    return el('span', 'rl-image', parts);
  }

  function commitNode(id, url) {
    if (!id) {
      return el('span', 'rl-muted', '—');
    }
    const node = link(url, shortCommit(id), 'rl-commit');
    node.title = String(id);
    return node;
  }

  /** A description list row: term and definition. */
  function row(term, value) {
    return [el('dt', null, term), el('dd', null, value)];
  }

  /* ---------- the API ---------- */

  class Api {
    constructor(base) {
      const withSlash = base.endsWith('/') ? base : base + '/';
      this.base = new URL(withSlash, document.baseURI);
    }

    async get(path, params) {
      const url = new URL(path, this.base);
      Object.entries(params || {}).forEach(([key, value]) => {
        if (value !== undefined && value !== null && value !== '') {
          url.searchParams.set(key, String(value));
        }
      });
      const response = await fetch(url.href, {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      if (!response.ok) {
        const reason = body && typeof body.error === 'string' ? body.error : response.status + ' ' + response.statusText;
        throw new Error(path + ': ' + reason);
      }
      if (!body || typeof body !== 'object') {
        throw new Error(path + ': the answer is not a JSON object');
      }
      return body;
    }
  }

  /* ---------- the page ---------- */

  class ReleasesPage {
    constructor(root, api) {
      this.root = root;
      this.api = api;
      this.state = null;
      this.historyEnvironment = '';
      this.historyPage = 0;
      this.build();
    }

    build() {
      clear(this.root);
      this.root.classList.add('rl-page');

      this.title = el('h2', 'rl-title', 'Releases');
      this.summary = el('p', 'rl-summary');
      this.refreshButton = el('button', 'rl-button', 'Refresh');
      this.refreshButton.type = 'button';
      this.refreshButton.addEventListener('click', () => this.refresh());
      this.verifyButton = el('button', 'rl-button', 'Verify ledger');
      this.verifyButton.type = 'button';
      this.verifyButton.addEventListener('click', () => this.verify());
      this.verifyResult = el('span', 'rl-verify', '');
      this.verifyResult.setAttribute('role', 'status');
      const actions = el('div', 'rl-actions', [this.refreshButton, this.verifyButton, this.verifyResult]);
      this.error = el('p', 'rl-error');
      this.error.setAttribute('role', 'alert');
      this.error.hidden = true;
      // Shown while api/state says the journal is damaged (integrity.intact false).
      this.damage = el('div', 'rl-damage');
      this.damage.setAttribute('role', 'alert');
      this.damage.hidden = true;

      this.environments = el('div', 'rl-environments');
      this.pending = el('section', 'rl-section rl-pending');
      this.bad = el('section', 'rl-section rl-bad-releases');

      this.historySelect = el('select', 'rl-select');
      this.historySelect.id = 'rl-history-environment';
      this.historySelect.addEventListener('change', () => {
        this.historyEnvironment = this.historySelect.value;
        this.historyPage = 0;
        this.loadHistory();
      });
      const selectLabel = el('label', 'rl-label', 'Environment ');
      selectLabel.htmlFor = this.historySelect.id;
      this.historyBody = el('div', 'rl-history-body');
      this.pager = el('nav', 'rl-pager');
      this.pager.setAttribute('aria-label', 'History pages');
      const history = el('section', 'rl-section rl-history', [
        el('div', 'rl-section-head', [el('h3', null, 'History'), el('div', 'rl-filter', [selectLabel, this.historySelect])]),
        this.historyBody, this.pager]);

      append(this.root, [
        el('header', 'rl-header', [el('div', 'rl-heading', [this.title, this.summary]), actions]),
        this.error,
        this.damage,
        el('section', 'rl-section', [el('h3', null, 'Environments'), this.environments]),
        this.pending, this.bad, history]);
    }

    showError(error) {
      this.error.hidden = false;
      clear(this.error);
      append(this.error, 'Could not load the ledger: ' + (error && error.message ? error.message : String(error)));
    }

    async refresh() {
      this.root.classList.add('rl-loading');
      try {
        this.state = await this.api.get('state');
        this.error.hidden = true;
        this.renderState();
        await this.loadHistory();
      } catch (e) {
        this.showError(e);
      } finally {
        this.root.classList.remove('rl-loading');
        this.root.setAttribute('data-loaded', 'true');
      }
    }

    async verify() {
      clear(this.verifyResult);
      append(this.verifyResult, 'verifying…');
      this.verifyResult.className = 'rl-verify';
      try {
        const result = await this.api.get('verify');
        clear(this.verifyResult);
        if (result.intact) {
          this.verifyResult.classList.add('rl-ok');
          append(this.verifyResult, 'intact: ' + result.events + ' events, hash chain verified');
        } else {
          this.verifyResult.classList.add('rl-fail');
          append(this.verifyResult, 'DAMAGED at line ' + result.line + ' (seq ' + result.seq + '): ' + result.problem);
        }
      } catch (e) {
        clear(this.verifyResult);
        this.verifyResult.classList.add('rl-fail');
        append(this.verifyResult, e.message);
      }
    }

    renderIntegrity(integrity) {
      clear(this.damage);
      if (!integrity || integrity.intact !== false) {
        this.damage.hidden = true;
        return;
      }
      this.damage.hidden = false;
      append(this.damage, [
        el('strong', 'rl-damage-title', 'The ledger is damaged'),
        el('p', 'rl-damage-where', 'At line ' + String(integrity.line) + ' (seq ' + String(integrity.seq) + '): '
          + String(integrity.problem ?? '')),
        el('p', 'rl-damage-what', 'This page shows what was recorded before the damage. No new event is recorded '
          + 'until an operator runs release-ledger verify and restores the journal (events.jsonl) from a backup.')]);
    }

    renderState() {
      const state = this.state;
      this.renderIntegrity(state.integrity);
      clear(this.title);
      append(this.title, ['Releases', state.application ? ' — ' : '', state.application ? el('span', 'rl-application', state.application) : null]);
      clear(this.summary);
      append(this.summary, [String(state.events ?? 0) + ' events in the ledger',
        state.generatedAt ? ['; as of ', timeNode(state.generatedAt, false)] : null]);

      const environments = Array.isArray(state.environments) ? state.environments : [];
      this.governance = state.governance && typeof state.governance === 'object' ? state.governance : {};
      clear(this.environments);
      if (typeof this.governance.error === 'string') {
        append(this.environments, el('p', 'rl-governance-error rl-fail', 'The release policy cannot be read: '
          + this.governance.error));
      }
      if (environments.length === 0) {
        append(this.environments, el('p', 'rl-empty', 'Nothing deployed yet: the ledger has no environment.'));
      }
      environments.forEach((environment) => append(this.environments, this.environmentCard(environment)));

      this.renderPending(Array.isArray(state.pendingPromotion) ? state.pendingPromotion : []);
      this.renderBad(Array.isArray(state.badReleases) ? state.badReleases : []);

      // The history filter lists the environments in the same order.
      const selected = this.historyEnvironment;
      clear(this.historySelect);
      const all = el('option', null, 'All environments');
      all.value = '';
      this.historySelect.appendChild(all);
      environments.forEach((environment) => {
        const option = el('option', null, environment.name);
        option.value = environment.name;
        this.historySelect.appendChild(option);
      });
      this.historySelect.value = environments.some((e) => e.name === selected) ? selected : '';
      this.historyEnvironment = this.historySelect.value;
    }

    environmentCard(environment) {
      const current = environment.current;
      const card = el('article', 'rl-env');
      card.setAttribute('data-environment', String(environment.name));
      const head = el('div', 'rl-env-head', [el('h4', 'rl-env-name', environment.name)]);
      if (current) {
        head.appendChild(el('span', 'rl-version', current.version));
        if (current.bad) {
          head.appendChild(badge('bad release', 'bad'));
        }
        if (current.via === 'rollback') {
          head.appendChild(badge('rolled back', 'rollback'));
        } else if (current.via === 'promotion') {
          head.appendChild(badge('promoted', 'info'));
        }
      } else {
        head.appendChild(el('span', 'rl-version rl-muted', 'never deployed'));
      }
      card.appendChild(head);

      const lock = environment.lock;
      if (lock) {
        const number = lock.build && lock.build.number !== undefined && lock.build.number !== null ? lock.build.number : null;
        const parts = [badge('locked', 'lock'), ' deploying ' + (lock.version || '?')];
        if (number !== null) {
          parts.push(' — ', link(lock.build.url, 'build #' + number, 'rl-build'));
        }
        if (personName(lock.by)) {
          parts.push(' by ', personNode(lock.by));
        }
        if (lock.since) {
          parts.push(', since ', timeNode(lock.since, false));
        }
        if (lock.purpose) {
          parts.push(' (' + lock.purpose + ')');
        }
        card.appendChild(el('p', 'rl-lock', parts));
      }

      append(card, this.governanceNodes(String(environment.name)));

      if (current) {
        const details = el('dl', 'rl-details');
        append(details, row('Build', buildNode(current.build)));
        append(details, row('Commit', commitNode(current.commit, current.commitUrl)));
        append(details, row('Image', imageNode(current.image)));
        append(details, row('Deployed by', personNode(current.deployedBy)));
        append(details, row('When', timeNode(current.deployedAt, true)));
        append(details, row('Checks', this.checksNode(current.checks)));
        card.appendChild(details);
      }

      card.appendChild(this.lackingNode(environment));
      return card;
    }

    /** The environment's freeze window (active or next), its last emergency override and the releases waiting for approval. */
    governanceNodes(name) {
      const rules = Object.prototype.hasOwnProperty.call(this.governance, name) ? this.governance[name] : null;
      const nodes = [];
      if (!rules || typeof rules !== 'object') {
        return nodes;
      }
      const freeze = rules.freeze && typeof rules.freeze === 'object' ? rules.freeze : {};
      if (freeze.active) {
        nodes.push(el('p', 'rl-freeze rl-freeze-active', [badge('frozen', 'fail'), ' ' + String(freeze.active.name)
          + ' until ', timeNode(freeze.active.end, true), ': deploys and promotes are refused, rollbacks allowed']));
      } else if (freeze.next) {
        nodes.push(el('p', 'rl-freeze rl-freeze-next', [badge('next freeze', 'info'), ' ' + String(freeze.next.name)
          + ' from ', timeNode(freeze.next.start, true), ' until ', timeNode(freeze.next.end, true)]));
      }
      const override = rules.lastOverride;
      if (override && typeof override === 'object') {
        nodes.push(el('p', 'rl-override', [badge('freeze overridden', 'bad'), ' ' + String(override.window) + ' for '
          + String(override.version) + ' by ', personNode(override.by), ', ', timeNode(override.at, false), ': '
          + String(override.reason ?? '')]));
      }
      const approvals = rules.approvals && typeof rules.approvals === 'object' ? rules.approvals : null;
      if (approvals && Array.isArray(approvals.pending)) {
        approvals.pending.forEach((pending) => nodes.push(el('p', 'rl-approval', [badge('waiting for approval', 'lock'),
          ' ' + String(pending.version) + ' ', el('code', 'rl-approval-digest', shortDigest(pending.digest)), ' asked by '
          + String(pending.requestedBy) + ', ', timeNode(pending.at, false), ': ' + String(pending.waitingFor)])));
      }
      return nodes;
    }

    checksNode(checks) {
      if (!checks || typeof checks !== 'object') {
        return el('span', 'rl-muted', 'none recorded');
      }
      const summary = el('span', 'rl-checks-summary', [
        checks.passed ? badge('passed', 'ok') : badge('failed', 'fail'),
        checks.at ? [' ', timeNode(checks.at, false)] : null]);
      const results = Array.isArray(checks.results) ? checks.results : [];
      if (results.length === 0) {
        return summary;
      }
      const list = el('ul', 'rl-checks');
      results.forEach((result) => {
        const run = typeof result.run === 'string' ? result.run : checks.run;
        const server = typeof result.server === 'string' ? result.server : checks.server;
        const item = el('li', result.passed ? 'rl-check rl-check-ok' : 'rl-check rl-check-fail', [
          el('span', 'rl-check-mark', result.passed ? '✓' : '✗'), ' ',
          typeof run === 'string' && run !== '' ? [el('span', 'rl-check-run', run), ' '] : null,
          el('span', 'rl-check-name', result.name || '?'),
          result.kind ? el('span', 'rl-muted', ' (' + result.kind + ')') : null,
          typeof server === 'string' && server !== ''
            ? el('span', 'rl-check-server', ' on ' + server) : null,
          typeof result.target === 'string' && result.target !== '' && result.target !== server
            ? el('span', 'rl-check-target rl-muted', ' at ' + result.target) : null,
          result.detail ? [': ', el('span', 'rl-check-detail', result.detail)] : null,
          typeof result.millis === 'number' ? el('span', 'rl-muted', ' ' + result.millis + ' ms') : null,
          this.checkFactsNode(result)]);
        list.appendChild(item);
      });
      return el('div', null, [summary, list]);
    }

    /* expected, actual and attempt of one result, when it says them */
    checkFactsNode(result) {
      const facts = [];
      if (typeof result.expected === 'string' && result.expected !== '') {
        facts.push(row('expected', el('span', 'rl-check-expected', result.expected)));
      }
      if (typeof result.actual === 'string' && result.actual !== '') {
        facts.push(row('actual', el('span', 'rl-check-actual', result.actual)));
      }
      if (typeof result.attempt === 'number' && result.attempt > 0) {
        facts.push(row('attempt', el('span', 'rl-check-attempt', String(result.attempt))));
      }
      return facts.length === 0 ? null : el('dl', 'rl-check-facts', facts);
    }

    lackingNode(environment) {
      const lacking = environment.lacking || {};
      const releases = Array.isArray(lacking.releases) ? lacking.releases : [];
      const commits = Array.isArray(lacking.commits) ? lacking.commits : [];
      const issues = Array.isArray(lacking.issues) ? lacking.issues : [];
      const box = el('div', 'rl-lacking');
      if (releases.length === 0 && commits.length === 0) {
        box.appendChild(el('p', 'rl-uptodate', 'Up to date with main.'));
        return box;
      }
      const details = el('details', 'rl-lacking-details');
      const count = releases.length + (releases.length === 1 ? ' release, ' : ' releases, ')
          + commits.length + (commits.length === 1 ? ' commit' : ' commits');
      details.appendChild(el('summary', null, ['main has ', el('strong', null, count), ' that ' + environment.name + ' lacks']));
      if (releases.length > 0) {
        const list = el('ul', 'rl-lacking-releases');
        releases.forEach((release) => list.appendChild(el('li', null, [
          el('span', 'rl-version-small', release.version),
          release.taggedAt ? [' tagged ', timeNode(release.taggedAt, false)] : null])));
        details.appendChild(list);
      }
      if (commits.length > 0) {
        const list = el('ul', 'rl-lacking-commits');
        commits.forEach((commit) => list.appendChild(el('li', 'rl-lacking-commit', [
          commitNode(commit.id, commit.url), ' ',
          el('span', 'rl-subject', commit.subject || ''),
          commit.version ? el('span', 'rl-muted', ' (' + commit.version + ')') : null])));
        details.appendChild(list);
      }
      if (issues.length > 0) {
        details.appendChild(el('p', 'rl-issues', ['Issues: ',
          issues.map((issue, i) => [i > 0 ? ' ' : '', el('span', 'rl-issue', issue)])]));
      }
      details.open = true;
      box.appendChild(details);
      return box;
    }

    renderPending(pending) {
      clear(this.pending);
      this.pending.hidden = pending.length === 0;
      if (pending.length === 0) {
        return;
      }
      this.pending.appendChild(el('h3', null, 'Waiting for promotion'));
      const list = el('ul', 'rl-list');
      pending.forEach((item) => list.appendChild(el('li', null, [
        el('span', 'rl-version-small', item.version), ' passed in ', el('strong', null, item.from),
        ', not yet in ', el('strong', null, item.to)])));
      this.pending.appendChild(list);
    }

    renderBad(bad) {
      clear(this.bad);
      this.bad.hidden = bad.length === 0;
      if (bad.length === 0) {
        return;
      }
      this.bad.appendChild(el('h3', null, 'Bad releases'));
      const list = el('ul', 'rl-list');
      bad.forEach((item) => list.appendChild(el('li', 'rl-bad-release', [
        badge('bad', 'bad'), ' ', el('span', 'rl-version-small', item.version),
        item.reason ? [': ', el('span', 'rl-reason', item.reason)] : null,
        personName(item.by) ? [' — ', personNode(item.by)] : null,
        item.at ? [', ', timeNode(item.at, false)] : null])));
      this.bad.appendChild(list);
    }

    async loadHistory() {
      try {
        const history = await this.api.get('history', {
          environment: this.historyEnvironment, page: this.historyPage, size: HISTORY_SIZE});
        this.renderHistory(history);
      } catch (e) {
        this.showError(e);
      }
    }

    renderHistory(history) {
      const entries = Array.isArray(history.entries) ? history.entries : [];
      clear(this.historyBody);
      if (entries.length === 0) {
        this.historyBody.appendChild(el('p', 'rl-empty', 'No events yet.'));
      } else {
        const table = el('table', 'rl-table');
        const head = el('tr');
        ['When', 'Environment', 'Event', 'Version', 'By', 'Build', 'Details'].forEach((name) => {
          const th = el('th', 'rl-col-' + name.toLowerCase(), name);
          th.scope = 'col';
          head.appendChild(th);
        });
        table.appendChild(el('thead', null, head));
        const body = el('tbody');
        entries.forEach((entry) => body.appendChild(this.historyRow(entry)));
        table.appendChild(body);
        this.historyBody.appendChild(table);
      }
      this.renderPager(history);
    }

    historyRow(entry) {
      const classes = ['rl-entry'];
      if (entry.rollback) {
        classes.push('rl-entry-rollback');
      }
      if (entry.failed) {
        classes.push('rl-entry-failed');
      }
      if (entry.bad) {
        classes.push('rl-entry-bad');
      }
      const tr = el('tr', classes.join(' '));
      if (entry.seq !== undefined) {
        tr.setAttribute('data-seq', String(entry.seq));
      }
      // rl-col-<label>: each column's own wrapping and width (releases.css); one span, so that the narrow
      // layout's two-column grid (label, value) gets one value item however many nodes the cell holds.
      const cell = (label, content) => {
        const td = el('td', 'rl-col-' + label.toLowerCase(), el('span', 'rl-cell', content));
        td.setAttribute('data-label', label);
        tr.appendChild(td);
      };
      const markers = [];
      if (entry.rollback) {
        markers.push(badge(entry.automatic ? 'automatic rollback' : 'rollback', 'rollback'));
      }
      if (entry.failed) {
        markers.push(badge('failed', 'fail'));
      }
      if (entry.bad) {
        markers.push(badge('bad', 'bad'));
      }
      const label = TYPE_LABELS[entry.type] || entry.type || '?';
      cell('When', timeNode(entry.at, false));
      cell('Environment', entry.environment || el('span', 'rl-muted', '—'));
      cell('Event', [el('span', 'rl-event', label), markers.length ? ' ' : null,
        markers.map((m, i) => [i > 0 ? ' ' : '', m])]);
      cell('Version', entry.version ? [entry.from ? entry.from + ' → ' : '', el('span', 'rl-version-small', entry.version)]
        : el('span', 'rl-muted', '—'));
      cell('By', personNode(entry.by));
      cell('Build', buildNode(entry.build));
      const details = [];
      if (entry.reason) {
        details.push(el('span', 'rl-reason', entry.reason));
      }
      if (entry.passed === true || entry.passed === false) {
        details.push(entry.passed ? badge('passed', 'ok') : badge('failed', 'fail'));
      }
      if (entry.seq !== undefined) {
        details.push(el('span', 'rl-seq', 'seq ' + entry.seq));
      }
      cell('Details', details.map((d, i) => [i > 0 ? ' ' : '', d]));
      return tr;
    }

    renderPager(history) {
      clear(this.pager);
      const size = history.size || HISTORY_SIZE;
      const total = history.total || 0;
      const pages = Math.max(1, Math.ceil(total / size));
      const page = Math.min(history.page || 0, pages - 1);
      const button = (text, target, current, label) => {
        const b = el('button', current ? 'rl-page-button rl-current' : 'rl-page-button', text);
        b.type = 'button';
        b.setAttribute('data-page', String(target));
        if (label) {
          b.setAttribute('aria-label', label);
        }
        if (current) {
          b.setAttribute('aria-current', 'page');
        }
        b.disabled = current || target < 0 || target >= pages;
        b.addEventListener('click', () => {
          this.historyPage = target;
          this.loadHistory();
        });
        return b;
      };
      this.pager.appendChild(button('‹ Newer', page - 1, false, 'Newer events'));
      const first = Math.max(0, Math.min(page - 2, pages - 5));
      const last = Math.min(pages - 1, first + 4);
      for (let p = first; p <= last; p++) {
        this.pager.appendChild(button(String(p + 1), p, p === page, 'Page ' + (p + 1)));
      }
      this.pager.appendChild(button('Older ›', page + 1, false, 'Older events'));
      this.pager.appendChild(el('span', 'rl-pager-info', 'page ' + (page + 1) + ' of ' + pages + ', ' + total
          + (total === 1 ? ' event' : ' events')));
    }
  }

  function start() {
    const root = document.getElementById('release-ledger');
    if (!root || root.getAttribute('data-started') === 'true') {
      return;
    }
    root.setAttribute('data-started', 'true');
    const page = new ReleasesPage(root, new Api(root.getAttribute('data-api') || 'api/'));
    page.refresh();
    window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        page.refresh();
      }
    }, REFRESH_MILLIS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
