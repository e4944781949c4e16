// Audit axe-core des pages HTML données en argument (chemins absolus).
// Écrit sur la sortie standard un JSON { page: {version, passees, violations} } ; Chromium est lancé une fois.
"use strict";
const puppeteer = require("puppeteer-core");
const axeSource = require("axe-core").source;

async function main() {
  const [chromium, profil, ...pages] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--user-data-dir=" + profil,
    ],
  });
  const resultats = {};
  try {
    const onglet = await browser.newPage();
    for (const page of pages) {
      await onglet.goto("file://" + page, { waitUntil: "load" });
      await onglet.evaluate(axeSource);
      const r = await onglet.evaluate(() =>
        axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          resultTypes: ["violations", "passes"],
        })
      );
      resultats[page] = {
        version: r.testEngine.version,
        passees: r.passes.length,
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          aide: v.help,
          cibles: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
        })),
      };
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(resultats));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(2);
});
