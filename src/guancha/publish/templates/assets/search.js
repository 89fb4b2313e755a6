// Search over the built site with Pagefind, in the browser: no server at read time.
// Results are written with textContent only: nothing from the index becomes markup.
const root = new URL("../", import.meta.url);
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const watcher = document.getElementById("watcher");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

let pagefind = null;

// One Pagefind index per watcher (and one for the heuristics), merged here: a new report re-indexes only
// its watcher's pages when the site is rebuilt.
const indexes = (list.dataset.indexes || "").split(" ").filter(Boolean)
  .map((name) => new URL(`search/index/${name}/`, root).href);

async function loadPagefind() {
  if (pagefind === null) {
    if (indexes.length === 0) {
      throw new Error("nothing is indexed yet");
    }
    const pf = await import(new URL("pagefind.js", indexes[0]).href);
    await pf.options({ baseUrl: root.pathname });
    for (const other of indexes.slice(1)) {
      await pf.mergeIndex(other, { baseUrl: root.pathname });
    }
    await pf.init();
    pagefind = pf;
  }
  return pagefind;
}

function plainText(html) {
  // DOMParser documents are inert: no script runs and nothing loads.
  return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
}

async function runSearch(term, watcherName) {
  list.replaceChildren();
  status.textContent = "Searching…";
  try {
    const pf = await loadPagefind();
    const options = watcherName ? { filters: { watcher: watcherName } } : {};
    const search = await pf.search(term, options);
    const shown = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    for (const data of shown) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      const excerpt = document.createElement("p");
      excerpt.textContent = plainText(data.excerpt);
      item.append(link, excerpt);
      list.append(item);
    }
    const n = search.results.length;
    status.textContent = `${n} result${n === 1 ? "" : "s"} for “${term}”` +
      (watcherName ? ` in ${watcherName}` : "") + (n > shown.length ? ` (first ${shown.length} shown)` : "");
  } catch (error) {
    status.textContent = "Search is unavailable: the index did not load (" + error + ").";
  }
}

const params = new URLSearchParams(window.location.search);
const term = (params.get("q") || "").trim();
const chosen = params.get("watcher") || "";
if (form && input) {
  input.value = term;
  if (watcher) {
    watcher.value = chosen;
  }
  if (term) {
    runSearch(term, chosen);
  }
}
