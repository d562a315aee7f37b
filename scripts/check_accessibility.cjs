// Every HTML report in a real browser: axe-core's WCAG 2.1 A/AA rules and best practices,
// and no horizontal overflow of the page at a phone's and a desktop's width.
// Run by scripts/check-accessibility.sh, which installs Chromium, axe-core and puppeteer-core.
// Usage: NODE_PATH=.../node_modules node check_accessibility.cjs CHROMIUM FILE.html...
// With SHOTS=folder set, a screenshot of each page at each width is saved there.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const WIDTHS = [390, 1280];
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function checkPage(page, file) {
  const result = { file, failures: [], violations: 0 };
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: 844 });
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    const { scroll, viewport } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    if (scroll > viewport) {
      result.failures.push(`${width} px: the page is ${scroll} px wide, wider than the screen`);
    }
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(
      (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }),
      TAGS,
    );
    for (const v of found.violations) {
      result.violations += 1;
      const where = v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ");
      result.failures.push(`${width} px: axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
    }
    if (process.env.SHOTS) {
      const name = path.basename(file, ".html") + `-${width}.png`;
      await page.screenshot({ path: path.join(process.env.SHOTS, name), fullPage: true });
    }
  }
  return result;
}

async function main() {
  const [chromium, ...files] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "est-a11y-profile-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      `--user-data-dir=${profile}`,
    ],
  });
  let failed = 0;
  try {
    const page = await browser.newPage();
    for (const file of files) {
      const r = await checkPage(page, file);
      const ok = r.failures.length === 0;
      failed += ok ? 0 : 1;
      const overflow = r.failures.length - r.violations;
      console.log(
        ok
          ? `ok   ${file}: axe 0 violations at ${WIDTHS.join(" and ")} px, page no wider than the screen`
          : `FAIL ${file}: ${r.violations} axe violations, ${overflow} widths with overflow`,
      );
      for (const f of r.failures) console.log(`       ${f}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
