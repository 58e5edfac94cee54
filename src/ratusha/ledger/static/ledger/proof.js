// The browser's own check of an inclusion proof, from the public JSON endpoints only:
// the leaf hash SHA-256(0x00 || entry), the root from the audit path with
// SHA-256(0x01 || left || right) (RFC 9162, as ratusha_core.ledger.merkle), and the
// checkpoint's Ed25519 signature (a C2SP signed note) with the log's verifier key.
// Every message comes translated from the page's <template id="proof-messages">.
"use strict";
(() => {
  const region = document.getElementById("browser-check");
  const messages = document.getElementById("proof-messages");
  if (!region || !messages) return;
  const data = region.dataset;

  const message = (key) =>
    messages.content.querySelector(`[data-message="${key}"]`).textContent.trim();

  const BADGES = {
    valid: "badge-ok",
    invalid: "badge-overdue",
    partial: "badge-soon",
    unchecked: "badge",
  };

  function say(key, state) {
    const line = document.createElement("p");
    if (state) {
      const badge = document.createElement("span");
      badge.className = `badge ${BADGES[state]}`;
      badge.textContent = message(`badge-${state}`);
      line.append(badge, " ");
    }
    line.append(message(key));
    region.dataset.state = state || "checking";
    region.replaceChildren(line);
  }

  const utf8 = new TextEncoder();
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const hex = (buffer) => Array.from(buffer, (b) => b.toString(16).padStart(2, "0")).join("");
  const same = (a, b) => a.length === b.length && a.every((value, i) => value === b[i]);

  function join(...parts) {
    const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  const sha256 = async (...parts) =>
    new Uint8Array(await crypto.subtle.digest("SHA-256", join(...parts)));

  // ratusha_core.ledger.merkle.root_from_inclusion_proof, with BigInt for any index.
  async function rootFromPath(leafHash, index, size, hashes) {
    if (index < 0n || index >= size) return null;
    const inner = index ^ (size - 1n) ? (index ^ (size - 1n)).toString(2).length : 0;
    const above = index >> BigInt(inner);
    const border = above ? above.toString(2).replace(/0/g, "").length : 0;
    if (hashes.length !== inner + border) return null;
    let result = leafHash;
    for (const [level, sibling] of hashes.entries()) {
      if (sibling.length !== 32) return null;
      const pathIsLeft = level < inner && ((index >> BigInt(level)) & 1n) === 0n;
      result = pathIsLeft
        ? await sha256([1], result, sibling)
        : await sha256([1], sibling, result);
    }
    return result;
  }

  // A C2SP signed note: the text up to the blank line, then "— name base64(id||sig)" lines.
  function openNote(note) {
    const split = note.lastIndexOf("\n\n");
    if (split < 0) return null;
    const text = note.slice(0, split + 1);
    const signatures = note
      .slice(split + 2)
      .split("\n")
      .filter((line) => line.startsWith("\u2014 "))
      .map((line) => {
        const [name, b64] = line.slice(2).split(" ");
        const raw = bytes(b64);
        return { name, id: hex(raw.slice(0, 4)), signature: raw.slice(4) };
      });
    const [origin, size, root] = text.split("\n");
    return { text, signatures, origin, size, root: bytes(root) };
  }

  // A verifier key "name+keyid+base64(0x01 || public key)", its key ID recomputed.
  async function readKey(text) {
    const [name, id, ...rest] = text.split("+");
    const material = bytes(rest.join("+"));
    if (material[0] !== 1 || material.length !== 33) return null;
    const digest = await sha256(utf8.encode(`${name}\n`), material);
    return hex(digest.slice(0, 4)) === id ? { name, id, publicKey: material.slice(1) } : null;
  }

  // true, false, or null when this browser has no Ed25519 in WebCrypto.
  async function verifySignature(key, text, signature) {
    let imported;
    try {
      imported = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, [
        "verify",
      ]);
    } catch {
      return null;
    }
    return crypto.subtle.verify({ name: "Ed25519" }, imported, signature, utf8.encode(text));
  }

  async function fetched() {
    const get = async (url, json) => {
      const response = await fetch(url, { cache: "no-store" });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return json ? response.json() : response.text();
    };
    return Promise.all([
      get(data.entryUrl, true),
      get(data.proofUrl, true),
      get(data.checkpointUrl, false),
      get(data.keysUrl, true),
    ]);
  }

  async function check() {
    const index = BigInt(data.index);
    const size = BigInt(data.size);
    let entries, proof, note, keys;
    try {
      [entries, proof, note, keys] = await fetched();
    } catch {
      return ["fetch", "unchecked"];
    }
    const entry = entries.entries && entries.entries[0];
    if (!entry || BigInt(entry.index) !== index) return ["leaf", "invalid"];
    const leafInput = bytes(entry.leaf_input);
    const leafHash = await sha256([0], leafInput);
    if (!same(leafHash, bytes(entry.leaf_hash))) return ["leaf", "invalid"];
    const shown = document.getElementById("proof-leaf");
    if (shown && shown.textContent !== new TextDecoder().decode(leafInput)) {
      return ["shown", "invalid"];
    }
    const opened = openNote(note);
    if (!opened || opened.origin !== keys.origin || opened.size !== data.size) {
      return ["checkpoint", "invalid"];
    }
    if (BigInt(proof.index) !== index || BigInt(proof.size) !== size) return ["root", "invalid"];
    const root = await rootFromPath(leafHash, index, size, proof.hashes.map(bytes));
    if (!root || !same(root, opened.root)) return ["root", "invalid"];
    // As ratusha_core: any wrong signature by a known key refuses the note.
    let verified = 0;
    let unsupported = false;
    for (const written of keys.keys) {
      const key = await readKey(written.verifier_key);
      const line = key && opened.signatures.find((s) => s.name === key.name && s.id === key.id);
      if (!line) continue;
      const result = await verifySignature(key, opened.text, line.signature);
      if (result === false) return ["signature", "invalid"];
      if (result === null) unsupported = true;
      else verified += 1;
    }
    if (verified) return ["valid", "valid"];
    return unsupported ? ["path-only", "partial"] : ["signature", "invalid"];
  }

  if (!window.crypto || !crypto.subtle) {
    say("unsupported", "unchecked");
    return;
  }
  say("checking", "");
  check()
    .catch(() => ["unreadable", "invalid"])
    .then(([key, state]) => say(key, state));
})();
