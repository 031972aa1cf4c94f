// The document codes the page matches on come from /js/contract.js, which the inbox writes from the Java
// contract (SummaryDocumentProfile); InboxScriptTest writes that module to a file and names it in
// CHARTBRIEF_CONTRACT_JS. No page script or markup spells a LOINC section code itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const contractFile = process.env.CHARTBRIEF_CONTRACT_JS;
const resources = new URL('../../main/resources/', import.meta.url);

test('the contract module exports the codes the page imports', { skip: !contractFile }, async () => {
  const contract = await import(pathToFileURL(contractFile).href);
  assert.equal(contract.RECOMMENDATIONS_SECTION, '18776-5');
  assert.equal(contract.UNVERIFIED_SECTION, 'unverified');
  assert.equal(typeof contract.UNVERIFIED_TITLE, 'string');
  assert.ok(contract.UNVERIFIED_TITLE.length > 0);
});

test('no page script or markup declares a section code of its own', { skip: !contractFile }, async () => {
  const contract = await import(pathToFileURL(contractFile).href);
  const codes = Object.values(contract).filter((value) => /^\d+-\d$/.test(value));
  assert.ok(codes.length > 0, 'the contract has LOINC section codes');
  const scripts = new URL('META-INF/resources/js/', resources);
  const files = readdirSync(scripts).map((name) => new URL(name, scripts));
  files.push(new URL('templates/InboxPageResource/page.html', resources));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const code of codes) {
      assert.ok(!text.includes(code), file.pathname + ' spells ' + code + ': import it from ./contract.js');
    }
  }
});

test('the scripts import what the contract exports', { skip: !contractFile }, async () => {
  const contract = await import(pathToFileURL(contractFile).href);
  const scripts = new URL('../../main/resources/META-INF/resources/js/', import.meta.url);
  for (const name of readdirSync(scripts)) {
    const text = readFileSync(new URL(name, scripts), 'utf8');
    const imported = text.match(/import\s*\{([^}]*)\}\s*from\s*'\.\/contract\.js'/);
    if (imported) {
      for (const binding of imported[1].split(',').map((b) => b.trim()).filter(Boolean)) {
        assert.ok(binding in contract, name + ' imports ' + binding + ', which contract.js does not export');
      }
    }
  }
});
