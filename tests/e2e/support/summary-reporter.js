// Prints what the run covered: pages checked, axe's findings, screenshots, time, and one closing
// line "e2e: N passed, N failed, N skipped".

const fs = require('node:fs');
const path = require('node:path');
const { paths } = require('./paths');

class SummaryReporter {
  onBegin(config, suite) {
    this.suite = suite;
    this.started = Date.now();
  }

  onEnd(result) {
    const counts = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
    for (const test of this.suite.allTests()) {
      const outcome = test.outcome();
      if (outcome === 'expected') counts.passed += 1;
      else if (outcome === 'unexpected') counts.failed += 1;
      else if (outcome === 'flaky') counts.flaky += 1;
      else counts.skipped += 1;
    }
    const checks = readChecks();
    const pages = [...new Set(checks.map((c) => c.page))].sort();
    const combos = new Set(checks.map((c) => `${c.page}|${c.locale}|${c.viewport}`));
    const violations = checks.reduce((n, c) => n + c.violations.length, 0);
    const pagesWithViolations = [
      ...new Set(checks.filter((c) => c.violations.length).map((c) => `${c.page} (${c.locale}, ${c.viewport})`)),
    ];
    const screenshots = fs.existsSync(paths.screenshots)
      ? fs.readdirSync(paths.screenshots).filter((f) => f.endsWith('.png')).length
      : 0;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const lines = [
      '',
      '── e2e summary ─────────────────────────────────────────────',
      `pages checked:  ${pages.length} (${pages.join(', ')})`,
      `page checks:    ${checks.length} (${combos.size} distinct page × language × viewport)`,
      `axe WCAG 2.1 A+AA: ${violations} violation(s)` +
        (pagesWithViolations.length ? ` on ${pagesWithViolations.join('; ')}` : ''),
      `screenshots:    ${screenshots} in ${path.relative(process.cwd(), paths.screenshots) || '.'}`,
      `duration:       ${seconds} s (${result.status})`,
    ];
    if (result.status !== 'passed' && counts.failed === 0) {
      lines.push(`e2e: the run ${result.status} outside the tests (see the error above)`);
    }
    lines.push(`e2e: ${counts.passed + counts.flaky} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  printsToStdio() {
    return false;
  }
}

function readChecks() {
  if (!fs.existsSync(paths.checks)) return [];
  return fs
    .readdirSync(paths.checks)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(paths.checks, f), 'utf8')));
}

module.exports = SummaryReporter;
