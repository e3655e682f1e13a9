// Site search, in the browser, over the index kiosk writes for each language in small files
// (kiosk's generator/search/search_index.h says what each holds): index.txt lists the shards
// of keys and the blocks of pages; a query fetches the shards of its keys, then the blocks of
// the results it shows. What it fetched serves the visit's later queries.
// Chinese: a term with Chinese in it is found as written, anywhere in the page (there are no
// spaces between words to split on): the page has each pair of its characters, one after
// another. Other languages: every word must appear as a whole word, case-insensitively, with
// simple plural endings folded. Pages with a term in their title come first.
(function () {
  "use strict";
  const script = document.currentScript;
  const form = document.querySelector(".search-form");
  const input = document.getElementById("search-query");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!script || !form || !input || !status || !list) return;
  const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
  const SHOWN = 10;  // results shown at once; a button shows the next ones
  const entry = new URL(script.dataset.index, location.href);
  const fetched = new Map();  // address -> the promise of its text, parsed

  function get(address, parse) {
    if (!fetched.has(address)) {
      fetched.set(address, fetch(address).then((response) => {
        if (!response.ok) throw new Error(address + ": " + response.status);
        return response.text();
      }).then(parse));
      fetched.get(address).catch(() => fetched.delete(address));
    }
    return fetched.get(address);
  }

  // index.txt: asked of the server each visit (not taken from the browser's cache), as it
  // names the versions of the other files.
  let index = null;
  function load() {
    if (!index) {
      index = fetch(entry, { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(entry + ": " + response.status);
        return response.text();
      }).then((text) => {
        const lines = text.split("\n");
        if (lines[0] !== "kiosk search index 1") throw new Error(entry + ": not a search index");
        const blocks = [];
        let pages = 0;
        for (const line of lines.slice(2)) {
          if (!line) continue;
          const [name, count, , version] = line.split(" ");
          blocks.push({ name: name, first: pages, count: +count, version: version });
          pages += +count;
        }
        return { shards: lines[1].split(" "), blocks: blocks, pages: pages };
      });
      index.catch(() => { index = null; });
    }
    return index;
  }

  // Numbers in shards: 5 bits a character, most significant first; the first 32 characters
  // end a number.
  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  const VALUE = new Int8Array(128).fill(-1);
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;

  function reader(text) {
    let at = 0;
    return {
      done: () => at >= text.length,
      next: () => {
        let value = 0;
        for (;;) {
          const digit = at < text.length ? VALUE[text.charCodeAt(at++)] : -1;
          if (digit < 0) throw new Error("the search index is damaged");
          value = value * 32 + (digit & 31);
          if (digit < 32) return value;
        }
      },
    };
  }

  // A shard: its keys (kind and text -> number) and each block's line.
  function parseShard(text) {
    const keysEnd = text.indexOf("\n");
    const linesStart = text.indexOf("\n", keysEnd + 1) + 1;
    const keys = new Map();
    const kinds = [];
    if (keysEnd > 0) {
      for (const key of text.slice(0, keysEnd).split(" ")) {
        let at = 1;
        while (VALUE[key.charCodeAt(at)] >= 32) at++;  // the number of blocks that have it
        keys.set(key[0] + key.slice(at + 1), kinds.length);
        kinds.push(key[0]);
      }
    }
    return { keys: keys, kinds: kinds, lines: text.slice(linesStart).split("\n") };
  }

  // Which shard holds a key: as kiosk's SearchKeyShard.
  function shardOf(kind, text, count) {
    let hash = Math.imul(0x811c9dc5 ^ kind.charCodeAt(0), 16777619);
    for (const character of text) hash = Math.imul(hash ^ character.codePointAt(0), 16777619);
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    return (hash >>> 0) % count;
  }

  // The pages that have a key: page number -> the places of a pair (from the end of the
  // title) or, for a character or word, whether it is in the title.
  function pagesWith(shard, blocks, kind, text) {
    const found = new Map();
    const wanted = shard.keys.get(kind + text);
    if (wanted === undefined) return found;
    shard.lines.forEach((line, block) => {
      if (block >= blocks.length) return;
      const numbers = reader(line);
      let key = -1;
      while (!numbers.done() && key < wanted) {
        key += numbers.next() + 1;
        const here = key === wanted;
        const isPair = shard.kinds[key] === "p";
        let slot = -1;
        for (let pages = numbers.next() + 1; pages > 0; pages--) {
          if (isPair) {
            slot += numbers.next() + 1;
            const count = numbers.next() + 1;
            const first = numbers.next();
            let place = first % 2 ? -(first + 1) / 2 : first / 2;
            const places = [place];
            for (let i = 1; i < count; i++) places.push(place += numbers.next() + 1);
            if (here) found.set(blocks[block].first + slot, places);
          } else {
            const step = numbers.next();
            slot += Math.floor(step / 2) + 1;
            if (here) found.set(blocks[block].first + slot, step % 2 === 1);
          }
        }
      }
    });
    return found;
  }

  function stem(word) {
    word = word.toLowerCase();
    if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
    if (word.length > 3 && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
    if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
    return word;
  }

  function words(text) {
    return text.toLowerCase().match(/[a-z0-9\u00c0-\u024f]+/g) || [];
  }

  function terms(query) {
    return query.trim().split(/\s+/).filter((term) => term.length > 0);
  }

  // The keys a term is looked up by, as kiosk's PageSearchKeys lists pages under them. A
  // Chinese term is found by pairs of its characters that cover it, each at its place in the
  // term (`at`): every other pair, and the last (戶籍謄本: 戶籍 at 0, 謄本 at 2).
  function keysOf(term) {
    if (CJK.test(term)) {
      const characters = Array.from(term);
      if (characters.length === 1) return [{ kind: "c", text: term, at: 0 }];
      const keys = [];
      for (let at = 0; at + 1 < characters.length; at += 2) {
        keys.push({ kind: "p", text: characters[at] + characters[at + 1], at: at });
      }
      const last = characters.length - 2;
      if (last % 2) keys.push({ kind: "p", text: characters[last] + characters[last + 1], at: last });
      return keys;
    }
    return [...new Set(words(term).map(stem))].map((text) => ({ kind: "w", text: text }));
  }

  // The pages a term finds: page number -> whether it is in the page's title.
  function find(term, found, pages) {
    const keys = keysOf(term);
    const result = new Map();
    if (!keys.length) {  // no word in it (punctuation only): every page has it
      for (let page = 0; page < pages; page++) result.set(page, false);
      return result;
    }
    const lists = keys.map((key) => found.get(key.kind + key.text));
    if (keys[0].kind !== "p") {  // a character, or words: each in the page, all in the title
      for (const [page, title] of lists[0]) {
        if (lists.every((list) => list.has(page))) result.set(page, lists.every((list) => list.get(page)));
      }
      return result;
    }
    const length = Array.from(term).length;
    for (const [page, places] of lists[0]) {
      if (!lists.every((list) => list.has(page))) continue;
      let title = null;  // found, and whether in the title
      for (const place of places) {
        if (lists.every((list, i) => list.get(page).includes(place + keys[i].at))) {
          title = title || place + length <= 0;
        }
      }
      if (title !== null) result.set(page, title);
    }
    return result;
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // Some text around the first match, with the match marked.
  function snippet(page, query) {
    const text = page.x || page.d;
    const first = terms(query)[0] || "";
    let at = CJK.test(first) ? text.indexOf(first) : text.toLowerCase().indexOf(first.toLowerCase());
    let length = first.length;
    if (at < 0) {
      at = 0;
      length = 0;
    }
    const start = Math.max(0, at - 40);
    const end = Math.min(text.length, at + length + 60);
    return (start > 0 ? "…" : "") + escape(text.slice(start, at)) + "<mark>" +
      escape(text.slice(at, at + length)) + "</mark>" + escape(text.slice(at + length, end)) +
      (end < text.length ? "…" : "");
  }

  // The pages a query finds, in order: those with a term in their title first, then the
  // others, each in the site's order.
  function search(query) {
    return load().then((loaded) => {
      const keys = terms(query).flatMap(keysOf);
      const shards = new Map();
      for (const key of keys) {
        const shard = shardOf(key.kind, key.text, loaded.shards.length);
        shards.set(shard, "keys/" + shard + ".txt?v=" + loaded.shards[shard]);
      }
      return Promise.all([...shards].map(([number, file]) =>
        get(new URL(file, entry).href, parseShard).then((shard) => [number, shard]))).then((parsed) => {
        const byNumber = new Map(parsed);
        const found = new Map();
        for (const key of keys) {
          const shard = byNumber.get(shardOf(key.kind, key.text, loaded.shards.length));
          found.set(key.kind + key.text, pagesWith(shard, loaded.blocks, key.kind, key.text));
        }
        let pages = null;
        for (const term of terms(query)) {
          const these = find(term, found, loaded.pages);
          if (!pages) {
            pages = these;
            continue;
          }
          for (const [page, title] of pages) {
            if (!these.has(page)) pages.delete(page);
            else if (these.get(page)) pages.set(page, true);
          }
        }
        const titled = [];
        const others = [];
        for (const [page, title] of pages || []) (title ? titled : others).push(page);
        const order = (a, b) => a - b;
        return { loaded: loaded, pages: titled.sort(order).concat(others.sort(order)) };
      });
    });
  }

  // The documents of some pages, from their blocks.
  function documents(loaded, pages) {
    return Promise.all(pages.map((page) => {
      let low = 0;
      let high = loaded.blocks.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (loaded.blocks[middle].first <= page) low = middle;
        else high = middle - 1;
      }
      const block = loaded.blocks[low];
      const file = new URL("pages/" + block.name + ".json?v=" + block.version, entry).href;
      return get(file, JSON.parse).then((json) => json.pages[page - block.first]);
    }));
  }

  let more = null;  // the button that shows the next results

  function show(query, found, from) {
    const pages = found.pages.slice(from, from + SHOWN);
    return documents(found.loaded, pages).then((shown) => {
      const items = shown.map((page) =>
        '<li><a href="' + escape(page.u) + '">' + escape(page.t) + "</a>" +
        '<span class="search-section">' + escape(page.s) + "</span>" +
        "<p>" + snippet(page, query) + "</p></li>").join("");
      if (from === 0) {
        list.innerHTML = items;
        status.textContent = found.pages.length
          ? script.dataset.found.replace("{count}", found.pages.length)
          : script.dataset.none.replace("{query}", query);
      } else {
        list.insertAdjacentHTML("beforeend", items);
        list.children[from].querySelector("a").focus();
      }
      const rest = found.pages.length - from - pages.length;
      if (more) more.remove();
      more = null;
      if (rest > 0) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = script.dataset.more.replace("{count}", rest);
        more.addEventListener("click", () => show(query, found, from + SHOWN));
        list.after(more);
      }
    });
  }

  function run(query, retried) {
    if (!query.trim()) return Promise.resolve();
    return search(query).then((found) => show(query, found, 0)).catch(() => {
      // A file of another build (the site was updated meanwhile): all of them again, once.
      fetched.clear();
      index = null;
      if (!retried) return run(query, true);
      status.textContent = script.dataset.error;
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  const query = new URLSearchParams(location.search).get("q") || "";
  if (query) {
    input.value = query;
    run(query);
  }
})();
