// podsift pages: search-as-you-type, keyboard picking, and playing from a moment (episode and ask pages).
// No inline scripts (the pages forbid them); everything is wired up from here.
"use strict";

function onReady(fn) {
  if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
}

// "/" focuses the search box from anywhere but a text field.
document.addEventListener("keydown", (event) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
    const box = document.getElementById("q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  }
});

function formatTime(seconds) {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;  // text, never HTML
  return node;
}

// Where the app is served: under the root path a proxy gives it (--root-path), as the page says.
const ROOT = document.body.dataset.root || "";

// A #t= time to the hundredth, rounded down so playing starts at or before the line (as the server writes it).
function fragmentTime(seconds) {
  return String(Math.floor(Math.round(seconds * 1e8) / 1e6) / 100);
}

// The episode page at a hit's line ("#s12", which works without JavaScript and tells apart lines
// sharing a time), else at its time; as the server writes it.
function renderHit(hit) {
  const at = hit.segment !== null ? `#s${hit.segment}` : hit.start !== null ? `#t=${fragmentTime(hit.start)}` : "";
  const href = `${ROOT}/episodes/${encodeURIComponent(hit.episode_id)}` + at;
  const item = el("li", "hit");
  item.dataset.href = href;
  const meta = el("div", "meta");
  const when = hit.start !== null ? (hit.time_estimated ? "~" : "") + formatTime(hit.start) : "time unknown";
  meta.append(el("span", "when", when));
  meta.append(el("span", "speaker", hit.speakers.join(", ") || "unknown speaker"));
  const episode = el("a", "episode", hit.episode_title || hit.episode_id);
  episode.href = href;
  meta.append(episode);
  if (hit.chapter) meta.append(el("span", "chapter", hit.chapter));
  item.append(meta);
  const text = el("p", "text");
  text.innerHTML = hit.highlighted;  // built by the server: the text escaped, matches in <mark>
  item.append(text);
  if (hit.url) {
    const play = el("a", "play", "▶ play from here");
    play.href = hit.url; play.target = "_blank"; play.rel = "noopener";
    item.append(play);
  }
  if (hit.more && hit.more.length) {
    // The episode's further moments, grouped under its best one (as the server renders them).
    const more = el("details", "more");
    const shown = hit.more.length, total = hit.more_total || shown;
    more.append(el("summary", null, `${total > shown ? `${shown} of ${total}` : shown} more in this episode`));
    const list = el("ol", "hits");
    list.append(...hit.more.map(renderHit));
    more.append(list);
    item.append(more);
  }
  return item;
}

// Whether a query holds a word to look for (a letter or digit), as the server's said() judges.
const said = (query) => /[\p{L}\p{N}]/u.test(query);

// Marks the results as those of `query`: screen readers stop announcing a search in
// progress, and anything waiting for typed input to finish knows what it is looking at.
function settle(list, query) {
  list.setAttribute("aria-busy", "false");
  list.dataset.query = query;
}

function setupSearch() {
  const box = document.getElementById("q");
  const list = document.getElementById("results");
  const status = document.getElementById("status");
  if (!box || !list) return;
  let timer = null, latest = 0, selected = -1;

  const items = () => Array.from(list.querySelectorAll(":scope > .hit"));
  const select = (index) => {
    const all = items();
    if (!all.length) return;
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((node, i) => node.classList.toggle("selected", i === selected));
    all[selected].scrollIntoView({ block: "nearest" });
  };

  // The filters a search keeps, as "&name=value…": those the address gave (episode, speaker, dates…),
  // which ride along in the form's hidden fields, and the show chosen.
  function filters() {
    const only = new URLSearchParams();
    for (const kept of box.form.querySelectorAll("input[type=hidden]")) only.append(kept.name, kept.value);
    const show = document.getElementById("show");
    if (show && show.value) only.set("show", show.value);
    return only.toString() ? "&" + only : "";
  }

  // "Did you mean": the query spelt as the archive spells it, as a link that searches it (with the same filters).
  function offer(suggestion) {
    const hint = document.getElementById("suggestion");
    if (!hint) return;
    hint.hidden = !suggestion;
    const link = hint.querySelector("a");
    link.textContent = suggestion || "";
    link.href = ROOT + "/?q=" + encodeURIComponent(suggestion || "") + filters();
  }

  // One h1 at all times, as screen readers find a page's title by it: the home page's is in its
  // overview, so the results shown in its place bring their own, as the search page's have.
  function showOverview(overview, shown, query) {
    if (!overview) return;
    overview.hidden = !shown;
    const own = document.getElementById("results-title");
    if (shown && own) own.remove();
    else if (!shown && !own) {
      const heading = el("h1", "sr-only", `Moments for “${query}”`);
      heading.id = "results-title";
      list.closest("section").before(heading);
    }
  }

  async function run(query) {
    const ticket = ++latest;
    list.setAttribute("aria-busy", "true");  // until the latest query's results are shown
    const overview = document.querySelector(".overview");  // the home page's, while nothing is searched
    // The address names the query shown: emptied, reloading it must not bring the old results back.
    const url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    // The tab's title and the heading screen readers announce name the query shown, not the one loaded.
    document.title = query.trim() ? `${query} · podsift` : "podsift";
    const heading = document.querySelector("main h1.sr-only");
    if (heading) heading.textContent = query.trim() ? `Moments for “${query}”` : "Search every conversation";
    if (!query.trim()) {
      list.replaceChildren(); status.textContent = ""; offer(null);
      showOverview(overview, true, query);
      settle(list, query);
      return;
    }
    if (!said(query)) {
      // Nothing to look for yet ('"' or "-" typed first): the server would refuse it, so ask nothing.
      list.replaceChildren(); offer(null);
      status.textContent = "Type a word to search for.";
      status.dataset.match = ""; status.classList.remove("no-match");
      settle(list, query);
      return;
    }
    try {
      const response = await fetch(`${ROOT}/api/search?limit=20&q=${encodeURIComponent(query)}${filters()}`);
      const body = await response.json();
      if (ticket !== latest) return;  // a newer query is on its way
      settle(list, query);
      if (!response.ok) {
        // No other query's results under this one's error (the page served for it shows none).
        list.replaceChildren(); offer(null);
        status.textContent = body.error || "search failed";
        status.dataset.match = ""; status.classList.add("no-match");
        return;
      }
      showOverview(overview, false, query);
      list.replaceChildren(...body.results.map(renderHit));
      selected = -1;
      status.textContent = body.message;
      status.dataset.match = body.match;
      status.classList.toggle("no-match", body.match !== "answers");
      offer(body.corrected ? null : body.suggestion);
    } catch (err) {
      if (ticket === latest) { settle(list, query); status.textContent = "search failed: " + err; }
    }
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(box.value), 150);
  });
  const show = document.getElementById("show");
  if (show) show.addEventListener("change", () => {
    const url = new URL(window.location.href);
    if (show.value) url.searchParams.set("show", show.value); else url.searchParams.delete("show");
    history.replaceState(null, "", url);
    // The home page's own forms search (and ask) the show chosen too.
    document.querySelectorAll(".boxes form").forEach((form) => {
      let kept = form.querySelector("input[type=hidden][name=show]");
      if (!kept) { kept = el("input"); kept.type = "hidden"; kept.name = "show"; form.prepend(kept); }
      kept.value = show.value; kept.disabled = !show.value;  // "All shows": no show sent
    });
    run(box.value);
  });
  document.addEventListener("keydown", (event) => {
    // The keys pick results only from the search box or the page itself: a focused link, button or
    // menu keeps its own Enter and arrows, and with no results the arrows still scroll.
    const focused = event.target;
    if (focused !== box && focused.closest && focused.closest("a, button, input, select, textarea, summary")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || !items().length) return;
    if (event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); select(selected - 1); }
    else if (event.key === "Enter" && selected >= 0 && items()[selected]) {
      event.preventDefault();
      window.location.href = items()[selected].dataset.href;
    }
  });
  document.querySelector(".searchbar").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(box.value);
  });
}

// "search everything" and "ask everything" (dropping the address's filters) take what is typed, not the
// query loaded, and the show chosen in the menu; the rest of the address is the server's.
function setupEverything() {
  const box = document.getElementById("q");
  const link = document.querySelector(".filters a");
  if (!box || !link) return;
  const show = document.getElementById("show");
  const follow = () => {
    const url = new URL(link.href);
    url.searchParams.set("q", box.value);
    if (show && show.value) url.searchParams.set("show", show.value);
    else if (show) url.searchParams.delete("show");
    link.href = url.pathname + url.search;
  };
  box.addEventListener("input", follow);
  if (show) show.addEventListener("change", follow);
}

// A YouTube player in ``box`` (whose data-youtube names the video), playing from ``seconds``.
function youtubeFrame(box, seconds) {
  const id = encodeURIComponent(box.dataset.youtube);
  const iframe = document.createElement("iframe");
  iframe.title = "YouTube player";
  iframe.allow = "autoplay; encrypted-media";
  iframe.allowFullscreen = true;
  iframe.src = `https://www.youtube-nocookie.com/embed/${id}?enablejsapi=1&autoplay=1&start=${Math.floor(seconds || 0)}`;
  iframe.addEventListener("load", () => {
    iframe.contentWindow.postMessage(JSON.stringify({ event: "listening", id: "player" }), "*");
  });
  box.replaceChildren(iframe);
  box.classList.add("loaded");
  return iframe;
}

// The ask page: each quote plays in place, from its first word; one plays at a time.
function setupAsk() {
  const media = Array.from(document.querySelectorAll(".quote .quote-media"));
  media.forEach((m) => m.addEventListener("play", () => media.forEach((other) => { if (other !== m) other.pause(); })));
  document.querySelectorAll(".quote .play-quote").forEach((button) => {
    button.hidden = false;  // without JavaScript, the players' own controls (and links) remain
    button.addEventListener("click", () => {
      const quote = button.closest(".quote"), start = parseFloat(button.dataset.start);
      const own = quote.querySelector(".quote-media");
      if (own) { own.currentTime = start; own.play().catch(() => {}); return; }
      const box = quote.querySelector(".quote-player");
      if (box) {
        media.forEach((m) => m.pause());
        youtubeFrame(box, start);
      }
    });
  });
}

// The time an address's #t= names, in seconds: seconds ("#t=107.5") or a clock as people write
// times ("#t=1:47", "#t=1:01:47"); a media fragment's end ("#t=107,120") is left aside. Else null.
function hashTime(hash) {
  const match = /^#t=(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)(?:,|$)/.exec(hash);
  if (!match) return null;
  const [, h, m, s] = match;
  if ((m !== undefined && parseFloat(s) >= 60) || (h !== undefined && Number(m) >= 60)) return null;
  return (Number(h || 0) * 60 + Number(m || 0)) * 60 + parseFloat(s);
}

function setupEpisode() {
  const article = document.querySelector("article.episode");
  if (!article) return;
  const lines = Array.from(document.querySelectorAll(".line[data-start]"))
    .filter((line) => line.dataset.start !== "")
    .map((line) => ({ line, start: parseFloat(line.dataset.start) }));
  const box = document.getElementById("player-box");
  const audio = document.getElementById("audio");
  let iframe = null;
  article.classList.add("scripted");  // the script marks the line an address names (the stylesheet's :target is for without)

  // The line an address or link names ("#s12"), if any.
  const namedLine = (hash = window.location.hash) => {
    const match = /^#s(\d+)$/.exec(hash);
    const line = match && document.getElementById(`s${match[1]}`);
    return line && line.classList.contains("line") ? line : null;
  };
  // The time an address names: "#t=", or the start of the line it names.
  const hashStart = () => {
    const line = namedLine();
    if (line) return line.dataset.start === "" ? null : parseFloat(line.dataset.start);
    return hashTime(window.location.hash);
  };

  // The YouTube player is created on demand, starting where the reader is.
  function loadPlayer(seconds) {
    iframe = youtubeFrame(box, seconds);
    iframe.id = "player";
  }
  if (box) {
    const load = document.getElementById("load-player");
    load.hidden = false;
    load.addEventListener("click", () => {
      loadPlayer(hashStart() || 0);
    });
  }

  // The line being said at time t: the last one that starts at or before it; of lines sharing that
  // start (a passage split into paragraphs timed once), the first, where the moment begins.
  const lineAt = (t) => {
    let found = null;
    for (const item of lines) {
      if (item.start > t + 0.5) break;
      if (!found || item.start > found.start) found = item;
    }
    return found ? found.line : lines[0] && lines[0].line;
  };

  const mark = (className, line) => {
    document.querySelectorAll(`.line.${className}`).forEach((node) => node.classList.remove(className));
    if (line) line.classList.add(className);
  };

  function fromHash() {
    const seconds = hashTime(window.location.hash);
    const line = namedLine() || (seconds === null ? null : lineAt(seconds));
    if (!line) return;
    mark("current", line);
    line.scrollIntoView({ block: "center" });
    line.focus({ preventScroll: true });
  }

  function youtube(command, args) {
    if (iframe && iframe.contentWindow) {
      iframe.contentWindow.postMessage(JSON.stringify({ event: "command", func: command, args: args || [] }), "*");
    }
  }

  function seek(seconds) {
    if (box && !iframe) loadPlayer(seconds);
    else if (iframe) { youtube("seekTo", [seconds, true]); youtube("playVideo"); }
    else if (audio) { audio.currentTime = seconds; audio.play().catch(() => {}); }
  }

  // Clicking a line (or a link to one: its time, a key point, a chapter) plays from there and keeps
  // the address shareable. A link is followed as it is, so the browser lands on the line it names.
  article.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (link) {
      const href = link.getAttribute("href"), target = namedLine(href);
      // A link's own time over its line's: a chapter may begin before its first line is said (a 0:00
      // start over speech from 0:07, a start mid-line), and the chapter is what was clicked.
      const at = target ? link.dataset.start || target.dataset.start || "" : String(hashTime(href) ?? "");
      if (target) mark("current", target);  // also when the address already names it (no hashchange)
      if (at !== "") seek(parseFloat(at));
      return;
    }
    if (event.target.closest("a") || window.getSelection().toString()) return;  // other links; selecting text
    const line = event.target.closest(".line[data-start]");
    if (!line || line.dataset.start === "") return;
    history.replaceState(null, "", `#${line.id}`);
    mark("current", line);
    seek(parseFloat(line.dataset.start));
  });
  window.addEventListener("hashchange", fromHash);

  // Follow the player: highlight the line being played.
  if (box) {
    window.addEventListener("message", (event) => {
      // The whole origin, anchored at both ends: "https://evilyoutube.com" is not YouTube.
      if (!/^https:\/\/(?:www\.)?youtube(?:-nocookie)?\.com$/.test(event.origin)) return;
      let data;
      try { data = JSON.parse(event.data); } catch (err) { return; }
      const time = data && data.info && data.info.currentTime;
      if (typeof time === "number") mark("playing", lineAt(time));
    });
  }
  if (audio) audio.addEventListener("timeupdate", () => mark("playing", lineAt(audio.currentTime)));
  fromHash();
}

// /shows, on a server that takes writes: follow a feed with the ingest token (sent as a header, never in a URL).
// The server answers at once with a job, polled here, so a big feed shows how far it got.
function setupAddFeed() {
  const form = document.getElementById("add-feed");
  if (!form) return;
  const status = document.getElementById("add-feed-status");
  const say = (text) => status.replaceChildren(document.createTextNode(text));
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const headers = { "Authorization": `Bearer ${data.get("token")}` };
    say("Reading the feed…");
    try {
      const response = await fetch(ROOT + "/api/feeds", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ url: data.get("url"), wait: false }),
      });
      let job = await response.json();
      if (!response.ok) { say(job.error || "adding the feed failed"); return; }
      while (job.state === "running") {
        if (job.total) say(`Reading the feed… ${job.done} of ${job.total} episode${job.total === 1 ? "" : "s"}`);
        await pause(500);
        const polled = await fetch(job.status_url, { headers });
        const next = await polled.json();
        if (!polled.ok) { say(next.error || "the feed's progress is lost"); return; }
        job = next;
      }
      if (job.state === "failed") { say(job.error || "adding the feed failed"); return; }
      const body = job.result, c = body.counts, name = body.title || body.feed;
      say(`${name}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.failed} failed. `);
      if (body.title) {
        const link = el("a", null, "Its episodes");
        link.href = `${ROOT}/shows/${encodeURIComponent(body.title)}`;
        status.append(link);
      }
    } catch (err) {
      say("adding the feed failed: " + err);
    }
  });
}

// A result opens its moment when clicked anywhere but its links, on every page that lists results
// (search, and the ask page's closest mentions); not when the click ends selecting its words.
document.addEventListener("click", (event) => {
  if (event.target.closest("a, summary, button, audio, video") || window.getSelection().toString()) return;
  const hit = event.target.closest(".hit[data-href]");
  if (hit) window.location.href = hit.dataset.href;
});

onReady(() => { setupSearch(); setupEverything(); setupEpisode(); setupAsk(); setupAddFeed(); });
