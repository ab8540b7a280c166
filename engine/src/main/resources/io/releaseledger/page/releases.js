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
    'drift.detected': 'drift detected',
    'drift.checked': 'no drift',
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

  /* The last drift check the ledger recorded (drift.detected or drift.checked): a badge whose title says what. */
  function driftBadge(drift) {
    if (!drift || typeof drift !== 'object') {
      return null;
    }
    const node = drift.drifted ? badge('drifted', 'fail') : badge('no drift', 'ok');
    node.classList.add('rl-drift');
    node.title = (typeof drift.summary === 'string' ? drift.summary : '')
        + (drift.at ? ' (checked ' + drift.at + ')' : '');
    return node;
  }

  function driftNode(drift) {
    if (!drift || typeof drift !== 'object') {
      return el('span', 'rl-muted', 'not checked');
    }
    return el('span', 'rl-drift-summary', [drift.drifted ? badge('drifted', 'fail') : badge('no drift', 'ok'),
      drift.at ? [' ', timeNode(drift.at, false)] : null,
      typeof drift.summary === 'string' ? [' ', el('span', 'rl-muted', drift.summary)] : null]);
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
      // Set by the Jenkins page only for users with Release Ledger/Rollback; the CLI's page has no such form.
      const rollbackUrl = root.getAttribute('data-rollback');
      this.rollback = rollbackUrl ? {
        url: rollbackUrl,
        crumbField: root.getAttribute('data-crumb-field') || '',
        crumb: root.getAttribute('data-crumb') || ''
      } : null;
      // One form per environment, kept across refreshes so that what the user typed survives them.
      this.rollbackForms = new Map();
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
      this.metrics = new MetricsView(this.api);
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
        this.metrics.section,
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
        this.metrics.setEnvironments(Array.isArray(this.state.environments) ? this.state.environments : []);
        await Promise.all([this.loadHistory(), this.metrics.load()]);
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
      const events = Number(state.events ?? 0);
      append(this.summary, [events + (events === 1 ? ' event' : ' events') + ' in the ledger',
        state.generatedAt ? ['; as of ', timeNode(state.generatedAt, false)] : null]);

      const environments = Array.isArray(state.environments) ? state.environments : [];
      this.governance = state.governance && typeof state.governance === 'object' ? state.governance : {};
      this.notifications = state.notifications && typeof state.notifications === 'object' ? state.notifications : {};
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
      } else if (environment.mixed) {
        head.appendChild(el('span', 'rl-version', 'unknown'));
        head.appendChild(badge('mixed', 'fail'));
      } else {
        head.appendChild(el('span', 'rl-version rl-muted', 'never deployed'));
      }
      const drift = driftBadge(environment.drift);
      if (drift) {
        head.appendChild(drift);
      }
      card.appendChild(head);

      const mixed = environment.mixed;
      if (mixed) {
        // A deploy failed and did not restore the previous release everywhere: no version is claimed to run.
        const parts = ['Deploying ' + (mixed.version || '?') + ' failed and the previous release '
          + (mixed.previous ? mixed.previous + ' ' : '') + 'was not restored everywhere: instances may run either.'];
        if (mixed.reason) {
          parts.push(' ' + mixed.reason);
        }
        if (mixed.since) {
          parts.push(' (', timeNode(mixed.since, false), ')');
        }
        card.appendChild(el('p', 'rl-mixed', parts));
      }

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
      append(card, this.notificationNode(String(environment.name)));

      if (current) {
        const details = el('dl', 'rl-details');
        append(details, row('Build', buildNode(current.build)));
        append(details, row('Commit', commitNode(current.commit, current.commitUrl)));
        append(details, row('Configuration', this.configurationNode(current.configurationChanges)));
        append(details, row('Image', imageNode(current.image)));
        append(details, row('Deployed by', personNode(current.deployedBy)));
        append(details, row('When', timeNode(current.deployedAt, true)));
        append(details, row('Checks', this.checksNode(current.checks)));
        append(details, row('Drift', driftNode(environment.drift)));
        card.appendChild(details);
      }

      card.appendChild(this.lackingNode(environment));
      if (this.rollback && current) {
        card.appendChild(this.rollbackForm(String(environment.name)));
      }
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

    /** The environment's last notification outcome as the ledger recorded it: delivered, or which target failed and why. */
    notificationNode(name) {
      const last = Object.prototype.hasOwnProperty.call(this.notifications, name) ? this.notifications[name] : null;
      if (!last || typeof last !== 'object') {
        return null;
      }
      const failed = last.failed === true;
      return el('p', 'rl-notification' + (failed ? ' rl-notification-failed' : ''), [
        String(last.summary ?? (failed ? 'notification failed' : 'notified')),
        ' (' + (last.version ? String(last.version) + ', ' : ''), timeNode(last.at, false), ')']);
    }

    /* A plain POST form (no script submits it): the server checks the permission and the crumb, then starts the job. */
    rollbackForm(environment) {
      const kept = this.rollbackForms.get(environment);
      if (kept) {
        return kept;
      }
      const hidden = (name, value) => {
        const input = el('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        return input;
      };
      const form = el('form', 'rl-rollback-form no-json');
      form.method = 'post';
      form.action = this.rollback.url;
      form.setAttribute('data-environment', environment);
      const reason = el('input', 'rl-rollback-reason jenkins-input');
      reason.type = 'text';
      reason.name = 'reason';
      reason.required = true;
      reason.maxLength = 500;
      const version = el('input', 'rl-rollback-version jenkins-input');
      version.type = 'text';
      version.name = 'version';
      version.placeholder = 'the previous good release';
      const submit = el('button', 'rl-rollback-button jenkins-button jenkins-button--primary', 'Roll back ' + environment);
      submit.type = 'submit';
      append(form, [
        hidden('environment', environment),
        this.rollback.crumbField ? hidden(this.rollback.crumbField, this.rollback.crumb) : null,
        el('p', 'rl-rollback-help rl-muted', 'Starts this job to return ' + environment + ' to an earlier release '
          + 'through the rollback step; the release it replaces is marked bad.'),
        el('label', null, ['Reason ', reason]),
        el('label', null, ['Version ', version]),
        submit]);
      this.rollbackForms.set(environment, form);
      return form;
    }

    /* What the deployment changed against the previous one there: settings with both values, variables by name only. */
    configurationNode(changes) {
      if (!changes || typeof changes !== 'object' || !Array.isArray(changes.changes)) {
        return el('span', 'rl-muted', 'no earlier deployment to compare');
      }
      const since = changes.since ? ' since ' + changes.since : '';
      if (changes.changes.length === 0) {
        return el('span', 'rl-config-summary', 'unchanged' + since);
      }
      const count = changes.changes.length + (changes.changes.length === 1 ? ' change' : ' changes');
      const list = el('ul', 'rl-config-changes');
      changes.changes.forEach((change) => {
        const item = el('li', 'rl-config-change', [
          el('span', 'rl-config-kind rl-muted', String(change.kind || '')), ' ',
          el('code', 'rl-config-name', String(change.name || '?')), ' ',
          badge(String(change.change || '?'), change.change === 'unknown' ? 'info' : 'rollback')]);
        item.setAttribute('data-change', String(change.change || ''));
        if (change.kind !== 'variable' && ('from' in change || 'to' in change)) {
          const shown = (value) => {
            if (value === null || value === undefined) {
              return el('span', 'rl-muted', 'none');
            }
            const text = Array.isArray(value) ? value.join(', ') : String(value);
            return change.kind === 'image' ? el('span', 'rl-config-value', shortDigest(text))
              : el('span', 'rl-config-value', text);
          };
          item.appendChild(el('span', 'rl-config-values', [': ', shown(change.from), ' → ', shown(change.to)]));
        }
        list.appendChild(item);
      });
      return el('div', null, [el('span', 'rl-config-summary', count + since), list]);
    }

    /* The verdict of the last checks in one line; every result on demand (a <details>, open when one failed). */
    checksNode(checks) {
      if (!checks || typeof checks !== 'object') {
        return el('span', 'rl-muted', 'none recorded');
      }
      const results = Array.isArray(checks.results) ? checks.results : [];
      const passedCount = results.filter((result) => result.passed).length;
      const failed = results.find((result) => !result.passed);
      const verdict = results.length === 0 ? null
        : checks.passed ? ' ' + passedCount + ' of ' + results.length
          : [' ' + passedCount + ' of ' + results.length + ' — ',
            el('span', 'rl-check-name', failed ? (failed.name || '?') : '?'),
            failed && failed.detail ? ': ' + failed.detail : null];
      const summary = el('span', 'rl-checks-summary', [
        checks.passed ? badge('passed', 'ok') : badge('failed', 'fail'), verdict,
        checks.at ? [' ', timeNode(checks.at, false)] : null]);
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
      const details = el('details', 'rl-checks-details', [el('summary', null, summary), list]);
      details.open = !checks.passed;
      return details;
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
        // Only tagged releases say what main has; without them nothing lacking is not the same as up to date.
        box.appendChild(lacking.known === false
          ? el('p', 'rl-unknown rl-muted', 'Whether main has more is not known: no tagged release is recorded.')
          : el('p', 'rl-uptodate', 'Up to date with main.'));
        return box;
      }
      const details = el('details', 'rl-lacking-details');
      // commits lists 1,000 at most; commitCount counts every commit of the releases (absent from older servers)
      const commitCount = typeof lacking.commitCount === 'number' && lacking.commitCount > commits.length
        ? lacking.commitCount : commits.length;
      const count = releases.length + (releases.length === 1 ? ' release, ' : ' releases, ')
          + commitCount + (commitCount === 1 ? ' commit' : ' commits');
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

  /* ---------- delivery metrics: inline SVG drawn here, coloured by the style sheet ---------- */

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const CHART_WIDTH = 320;
  const CHART_HEIGHT = 120;
  const CHART_TOP = 10;
  const CHART_BOTTOM = 98;
  const WINDOWS = [4, 12, 26, 52];

  // Only geometry goes into attributes; colours, fonts and sizes come from classes (CSP: no style attributes).
  function svg(tag, className, attributes, children) {
    const node = document.createElementNS(SVG_NS, tag);
    if (className) {
      node.setAttribute('class', className);
    }
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function svgText(className, x, y, text, anchor) {
    const node = svg('text', className, {x: x, y: y, 'text-anchor': anchor || 'start'});
    node.appendChild(document.createTextNode(text));
    return node;
  }

  function svgTitle(text) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.appendChild(document.createTextNode(text));
    return title;
  }

  /** Whole seconds as "2 d 3 h", "5 h 12 m", "14 m" or "45 s". */
  function durationText(seconds) {
    if (seconds === null || seconds === undefined) {
      return '—';
    }
    const s = Math.max(0, Math.floor(Number(seconds)));
    const days = Math.floor(s / 86400);
    const hours = Math.floor((s % 86400) / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    if (days > 0) {
      return days + ' d' + (hours > 0 ? ' ' + hours + ' h' : '');
    }
    if (hours > 0) {
      return hours + ' h' + (minutes > 0 ? ' ' + minutes + ' m' : '');
    }
    return minutes > 0 ? minutes + ' m' : s + ' s';
  }

  function percentText(rate) {
    return rate === null || rate === undefined ? '—' : (Math.round(Number(rate) * 1000) / 10) + ' %';
  }

  function dayText(value) {
    const date = parseTime(value);
    return date ? date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate()) : '';
  }

  /** A scale's top: the largest value rounded up to 1, 2 or 5 times a power of ten (never 0). */
  function niceTop(max) {
    if (!(max > 0)) {
      return 1;
    }
    const power = Math.pow(10, Math.floor(Math.log10(max)));
    return [1, 2, 5, 10].map((f) => f * power).find((top) => top >= max);
  }

  /**
   * One week-by-week chart: bars (counts, rates) or dots joined by a line (durations; a week without a value breaks
   * the line). Each mark carries its week and value in a <title> and in data-week / data-value for tests.
   */
  function trendChart(kind, label, weeks, valueOf, textOf, unitTop) {
    const values = weeks.map(valueOf);
    const present = values.filter((v) => v !== null && v !== undefined);
    const top = unitTop ? unitTop(present) : niceTop(Math.max(0, ...present));
    const left = 4;
    const slot = (CHART_WIDTH - left * 2) / Math.max(1, weeks.length);
    const y = (v) => CHART_BOTTOM - (Math.min(v, top) / top) * (CHART_BOTTOM - CHART_TOP);
    const chart = svg('svg', 'rl-chart rl-chart-' + kind, {
      viewBox: '0 0 ' + CHART_WIDTH + ' ' + CHART_HEIGHT, role: 'img', 'aria-label': label + ', one mark a week'});
    chart.appendChild(svgTitle(label + ', one mark a week'));
    chart.appendChild(svg('line', 'rl-chart-grid', {x1: left, x2: CHART_WIDTH - left, y1: CHART_TOP, y2: CHART_TOP}));
    chart.appendChild(svg('line', 'rl-chart-axis', {x1: left, x2: CHART_WIDTH - left, y1: CHART_BOTTOM, y2: CHART_BOTTOM}));
    chart.appendChild(svgText('rl-chart-label', left, CHART_TOP - 2 + 12, textOf(top)));
    const bars = kind === 'deployments' || kind === 'failures';
    const points = [];
    weeks.forEach((week, i) => {
      const v = values[i];
      const cx = left + slot * i + slot / 2;
      const title = svgTitle('week of ' + dayText(week.from) + ': ' + (v === null || v === undefined ? 'none' : textOf(v)));
      let mark;
      if (v === null || v === undefined) {
        mark = svg('circle', 'rl-chart-none', {cx: cx, cy: CHART_BOTTOM, r: 1.5}, [title]);
        points.push(null);
      } else if (bars) {
        const height = Math.max(v > 0 ? 1.5 : 0, CHART_BOTTOM - y(v));
        mark = svg('rect', 'rl-chart-bar', {x: cx - slot * 0.35, y: CHART_BOTTOM - height, width: slot * 0.7,
          height: height, rx: 1.5}, [title]);
      } else {
        mark = svg('circle', 'rl-chart-dot', {cx: cx, cy: y(v), r: 4}, [title]);
        points.push([cx, y(v)]);
      }
      mark.setAttribute('data-week', String(week.from));
      mark.setAttribute('data-value', v === null || v === undefined ? '' : String(v));
      chart.appendChild(mark);
    });
    if (!bars) {
      let path = '';
      let pen = false;
      points.forEach((point) => {
        if (point === null) {
          pen = false;
          return;
        }
        path += (pen ? ' L' : ' M') + point[0].toFixed(1) + ' ' + point[1].toFixed(1);
        pen = true;
      });
      if (path) {
        chart.insertBefore(svg('path', 'rl-chart-line', {d: path.trim()}), chart.querySelector('.rl-chart-dot, .rl-chart-none'));
      }
    }
    if (weeks.length > 0) {
      chart.appendChild(svgText('rl-chart-label', left, CHART_HEIGHT - 4, dayText(weeks[0].from)));
      chart.appendChild(svgText('rl-chart-label', CHART_WIDTH - left, CHART_HEIGHT - 4,
        dayText(weeks[weeks.length - 1].from), 'end'));
    }
    return chart;
  }

  class MetricsView {
    constructor(api) {
      this.api = api;
      this.environment = '';
      this.weeks = 12;
      this.environmentSelect = el('select', 'rl-select');
      this.environmentSelect.id = 'rl-metrics-environment';
      this.environmentSelect.addEventListener('change', () => {
        this.environment = this.environmentSelect.value;
        this.load();
      });
      this.weeksSelect = el('select', 'rl-select');
      this.weeksSelect.id = 'rl-metrics-weeks';
      WINDOWS.forEach((weeks) => {
        const option = el('option', null, weeks + ' weeks');
        option.value = String(weeks);
        this.weeksSelect.appendChild(option);
      });
      this.weeksSelect.value = String(this.weeks);
      this.weeksSelect.addEventListener('change', () => {
        this.weeks = Number(this.weeksSelect.value);
        this.load();
      });
      const environmentLabel = el('label', 'rl-label', 'Environment ');
      environmentLabel.htmlFor = this.environmentSelect.id;
      const weeksLabel = el('label', 'rl-label', 'Window ');
      weeksLabel.htmlFor = this.weeksSelect.id;
      this.body = el('div', 'rl-metrics-body');
      this.note = el('p', 'rl-metrics-note rl-muted');
      this.section = el('section', 'rl-section rl-metrics', [
        el('div', 'rl-section-head', [el('h3', null, 'Delivery'),
          el('div', 'rl-filter', [el('span', null, [environmentLabel, this.environmentSelect]),
            el('span', null, [weeksLabel, this.weeksSelect])])]),
        this.body, this.note]);
      this.section.hidden = true;
    }

    /** The environments of api/state; production (else the last in promotion order) is shown first. */
    setEnvironments(environments) {
      const names = environments.map((environment) => String(environment.name));
      this.section.hidden = names.length === 0;
      if (!names.includes(this.environment)) {
        this.environment = names.includes('production') ? 'production' : (names[names.length - 1] || '');
      }
      clear(this.environmentSelect);
      names.forEach((name) => {
        const option = el('option', null, name);
        option.value = name;
        this.environmentSelect.appendChild(option);
      });
      this.environmentSelect.value = this.environment;
    }

    async load() {
      if (!this.environment) {
        return;
      }
      this.section.setAttribute('data-loaded', 'false');
      try {
        const metrics = await this.api.get('metrics', {environment: this.environment, weeks: this.weeks});
        const environments = Array.isArray(metrics.environments) ? metrics.environments : [];
        this.render(metrics, environments.find((e) => e.name === this.environment));
      } catch (e) {
        clear(this.body);
        append(this.body, el('p', 'rl-error', 'Could not load the metrics: ' + e.message));
      } finally {
        this.section.setAttribute('data-loaded', 'true');
      }
    }

    render(metrics, environment) {
      clear(this.body);
      clear(this.note);
      if (!environment) {
        append(this.body, el('p', 'rl-empty', 'No metrics for this environment.'));
        return;
      }
      const weeks = Array.isArray(environment.weeks) ? environment.weeks : [];
      const frequency = environment.deploymentFrequency || {};
      const lead = environment.leadTime || {};
      const failure = environment.changeFailureRate || {};
      const restore = environment.timeToRestore || {};
      const perWeek = Math.round(Number(frequency.perWeek || 0) * 10) / 10;
      const count = (n, one, many) => String(n ?? 0) + ' ' + (n === 1 ? one : many);
      const hoursTop = (present) => {
        const hours = Math.max(0, ...present) / 3600;
        return hours <= 0 ? 3600 : niceTop(hours) * 3600;
      };
      append(this.body, el('div', 'rl-metrics-grid', [
        this.card('deployments', 'Deployment frequency', perWeek + ' a week',
          count(frequency.deployments, 'deployment', 'deployments') + ' in ' + metrics.weeks + ' weeks',
          trendChart('deployments', 'Deployments per week', weeks, (w) => w.deployments, (v) => String(v))),
        this.card('lead-time', 'Lead time for changes', durationText(lead.medianSeconds),
          'median, commit to running; ' + count(lead.changes, 'change', 'changes'),
          trendChart('lead-time', 'Median lead time per week', weeks, (w) => w.leadTimeSeconds, durationText, hoursTop)),
        this.card('failures', 'Change failure rate', percentText(failure.rate),
          String(failure.failures ?? 0) + ' of ' + count(failure.deployments, 'deployment', 'deployments'),
          trendChart('failures', 'Change failure rate per week', weeks,
            (w) => (w.changeFailureRate === null || w.changeFailureRate === undefined ? null : w.changeFailureRate * 100),
            (v) => Math.round(v) + ' %', () => 100)),
        this.card('restore', 'Time to restore', durationText(restore.medianSeconds),
          'median; ' + count(restore.restored, 'restore', 'restores')
            + (restore.open > 0 ? ', ' + restore.open + ' still open' : ''),
          trendChart('restore', 'Median time to restore per week', weeks, (w) => w.timeToRestoreSeconds, durationText,
            hoursTop))]));
      append(this.note, dayText(metrics.from) + ' to ' + dayText(metrics.until) + ' (UTC weeks from the window\'s start); '
        + 'a patch release within ' + String(metrics.fixWindow || '').replace(/^PT/, '').toLowerCase()
        + ' of a deploy counts as its fix.');
    }

    card(kind, title, value, detail, chart) {
      const card = el('article', 'rl-metric rl-metric-' + kind, [
        el('h4', 'rl-metric-title', title),
        el('p', 'rl-metric-value', value),
        el('p', 'rl-metric-detail rl-muted', detail),
        chart]);
      card.setAttribute('data-metric', kind);
      return card;
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
