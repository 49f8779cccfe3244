// Live cells: run a chapter's code cells in the reader's browser, offline.
//
// On a page built from a notebook, book/live_cells.py leaves the notebook's code cells as
// JSON (#goconc-live-cells). This script adds "Run all" and "Reset" above the chapter and a
// "Run" button on each cell; the cells become editable (CodeJar, vendored from npm) when
// clicked. The cells run in order in one Python (Pyodide in a Web Worker, live-worker.js),
// and each cell's stdout and stderr appear under it; its static output (from the book's
// build) stays until the cell runs. %%go cells (Go programs) cannot run in a browser: they
// keep Go's output and say so. Nothing is loaded from another host.
import { CodeJar } from "./thirdparty/codejar/dist/codejar.js";

const base = new URL("./", import.meta.url);
const dataEl = document.getElementById("goconc-live-cells");

// What a browser tab does not have: OS threads (goconc.blocking runs its call on one),
// SQLite files, sockets, processes.
const NEEDS_HOST = /\bblocking\(|\bthreading\b|\bsqlite3\b|\bsocket\b|\bsubprocess\b/;

function kindOf(source) {
  const first = source.trimStart().split("\n", 1)[0];
  if (first.startsWith("%%go") && !first.startsWith("%%goconc")) return "go";
  if (first.startsWith("%%") && !first.startsWith("%%goconc")) return "magic";
  if (NEEDS_HOST.test(source)) return "host";
  return "python";
}

const NOTES = {
  go: "Go program: it runs only with Go, so this output is Go's, from the book's build. " +
    "Its Python twin is the next cell.",
  magic: "IPython cell magic: it runs only in Jupyter.",
  host: "Uses real threads or I/O (goconc.blocking, threading, sqlite3, sockets), which a " +
    "browser tab does not have: this output is from the book's build. Run the notebook " +
    "locally to run it.",
};

function button(label, title, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "goconc-live-button";
  b.textContent = label;
  b.title = title;
  b.addEventListener("click", onClick);
  return b;
}

class LiveBook {
  constructor(cells) {
    this.entries = this.match(cells);
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.chain = Promise.resolve();
    this.started = 0;
    this.firstOutputMs = null;
    this.addBar();
    for (const entry of this.entries) this.addCellControls(entry);
  }

  // Pair each notebook code cell with its cell on the page (by its source text); a cell
  // whose input the page does not show (a removed setup cell) still runs, unseen. A cell
  // that uses a name only a "host" cell defines cannot run either.
  match(cells) {
    const dom = [...document.querySelectorAll("div.cell")];
    let next = 0;
    const hostNames = new Set();
    const defined = (source) => [...source.matchAll(/^(?:def|class)\s+(\w+)|^(\w+)\s*=/gm)]
      .map((m) => m[1] || m[2]);
    const entries = cells.map((cell, index) => {
      const want = cell.source.trim();
      for (let k = next; k < dom.length; k++) {
        const pre = dom[k].querySelector(".cell_input pre");
        if (pre && pre.textContent.trim() === want) {
          next = k + 1;
          return { index, cell, el: dom[k], pre, kind: kindOf(cell.source), ran: false };
        }
      }
      return { index, cell, el: null, pre: null, kind: kindOf(cell.source), ran: false };
    });
    for (const entry of entries) {
      const source = entry.cell.source;
      if (entry.kind === "python" && [...hostNames].some((n) =>
        new RegExp(`\\b${n}\\b`).test(source))) entry.kind = "host";
      if (entry.kind === "host") for (const n of defined(source)) hostNames.add(n);
    }
    return entries;
  }

  addBar() {
    const article = document.querySelector("main article, article.bd-article, main") ||
      document.body;
    const bar = document.createElement("div");
    bar.className = "goconc-live-bar";
    bar.append(
      button("▶ Run all", "Run every code cell of this page, in order, in your browser",
        () => this.runAll()),
      button("↺ Reset", "Restart Python: a fresh program, as if the page were new",
        () => this.reset()),
    );
    this.status = document.createElement("span");
    this.status.className = "goconc-live-status";
    this.status.textContent =
      "Live cells: edit any cell and run it here, in your browser (Python starts on the " +
      "first run: about 13 MB, once).";
    bar.append(this.status);
    article.prepend(bar);
  }

  addCellControls(entry) {
    if (entry.el === null) return;
    const bar = document.createElement("div");
    bar.className = "goconc-live-cellbar";
    if (entry.kind === "python") {
      bar.append(button("▶ Run", "Run this cell (and the cells above it that have not run)",
        () => this.runThrough(entry.index)));
      entry.pre.addEventListener("focus", () => this.edit(entry), true);
      entry.pre.addEventListener("pointerdown", () => this.edit(entry));
      entry.pre.title = "Click to edit, then Run";
    } else {
      const note = document.createElement("span");
      note.className = "goconc-live-note";
      note.textContent = NOTES[entry.kind];
      bar.append(note);
    }
    entry.el.prepend(bar);
  }

  edit(entry) {
    if (entry.jar) return;
    entry.pre.textContent = entry.pre.textContent; // drop the static highlighting
    entry.jar = CodeJar(entry.pre, () => {}, { tab: "    ", addClosing: false });
    entry.pre.classList.add("goconc-live-editing");
  }

  source(entry) {
    return entry.jar ? entry.jar.toString() : entry.cell.source;
  }

  startWorker() {
    if (this.worker) return;
    this.started = performance.now();
    this.firstOutputMs = null;
    this.setStatus("Starting Python in your browser…");
    this.worker = new Worker(new URL("live-worker.js", base), { type: "module" });
    this.worker.onmessage = (event) => this.onMessage(event.data);
    this.worker.onerror = (event) => this.setStatus("Python could not start: " + event.message);
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  onMessage(msg) {
    if (msg.type === "ready") {
      this.setStatus(`Python is running in your browser (started in ${(msg.ms / 1000).toFixed(1)} s).`);
      return;
    }
    if (msg.type === "fatal") {
      this.setStatus(msg.text);
      for (const [, job] of this.pending) {
        this.append(job.entry, "stderr", msg.text);
        job.resolve();
      }
      this.pending.clear();
      return;
    }
    const job = this.pending.get(msg.id);
    if (!job) return;
    if (msg.type === "stdout" || msg.type === "stderr") {
      this.append(job.entry, msg.type, msg.text);
    } else if (msg.type === "done") {
      this.pending.delete(msg.id);
      if (this.firstOutputMs === null) {
        this.firstOutputMs = Math.round(performance.now() - this.started);
        document.documentElement.dataset.goconcFirstOutputMs = String(this.firstOutputMs);
      }
      if (msg.result) this.showResult(job.entry, JSON.parse(msg.result));
      if (job.entry.out) job.entry.out.dataset.state = "done";
      job.resolve();
    }
  }

  output(entry) {
    if (!entry.el) return null;
    if (!entry.out) {
      entry.out = document.createElement("div");
      entry.out.className = "goconc-live-output";
      const input = entry.el.querySelector(".cell_input");
      (input || entry.el.lastElementChild).after(entry.out);
    }
    return entry.out;
  }

  append(entry, stream, text) {
    const out = this.output(entry);
    if (!out) return;
    let pre = out.lastElementChild;
    if (!pre || pre.tagName !== "PRE" || pre.dataset.stream !== stream) {
      pre = document.createElement("pre");
      pre.dataset.stream = stream;
      pre.className = "goconc-live-" + stream;
      out.append(pre);
    }
    pre.textContent += text;
  }

  showResult(entry, result) {
    const out = this.output(entry);
    if (!out || result.error) return;
    const pre = document.createElement("pre");
    pre.className = "goconc-live-result";
    pre.dataset.stream = "result";
    pre.textContent = result.text;
    out.append(pre);
    if (result.widget) {
      pre.hidden = true; // Jupyter shows the widget, not its text
      const el = document.createElement("div");
      el.className = "goconc-live-widget";
      out.append(el);
      playWidget(el, result.widget);
    }
  }

  run(entry) {
    this.startWorker();
    const out = this.output(entry);
    if (out) {
      out.replaceChildren();
      out.dataset.state = "running";
      const staticOut = entry.el.querySelector(".cell_output");
      if (staticOut) staticOut.hidden = true;
    }
    entry.ran = true;
    const id = this.nextId++;
    const done = new Promise((resolve) => this.pending.set(id, { entry, resolve }));
    const filename = `<cell ${entry.index + 1}>`;
    this.worker.postMessage({ type: "run", id, source: this.source(entry), filename });
    return done;
  }

  enqueue(work) {
    this.chain = this.chain.then(work, work);
    return this.chain;
  }

  runThrough(index) {
    return this.enqueue(async () => {
      for (const entry of this.entries) {
        if (entry.index > index) break;
        if (entry.kind !== "python") continue;
        if (entry.index === index || !entry.ran) await this.run(entry);
      }
    });
  }

  runAll() {
    return this.enqueue(async () => {
      for (const entry of this.entries) {
        if (entry.kind === "python") await this.run(entry);
      }
    });
  }

  reset() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const [, job] of this.pending) job.resolve();
    this.pending.clear();
    this.chain = Promise.resolve();
    for (const entry of this.entries) {
      entry.ran = false;
      if (entry.out) {
        entry.out.remove();
        entry.out = null;
      }
      const staticOut = entry.el && entry.el.querySelector(".cell_output");
      if (staticOut) staticOut.hidden = false;
    }
    this.setStatus("Reset: the next run starts a fresh Python.");
  }
}

let widgetModule = null;
async function playWidget(el, data) {
  if (!document.getElementById("goconc-widget-css")) {
    const link = document.createElement("link");
    link.id = "goconc-widget-css";
    link.rel = "stylesheet";
    link.href = new URL("thirdparty/goconc-widget/animation.css", base).href;
    document.head.append(link);
  }
  widgetModule ||= import(new URL("thirdparty/goconc-widget/animation.js", base).href);
  const mod = await widgetModule;
  const model = {
    get: (key) => (key === "trace_data" ? data : undefined),
    set() {},
    on() {},
    off() {},
    save_changes() {},
    send() {},
  };
  await mod.default.render({ model, el });
}

if (dataEl) {
  window.goconcLive = new LiveBook(JSON.parse(dataEl.textContent).cells);
}
