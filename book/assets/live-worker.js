// The live cells' interpreter: Pyodide (CPython on WebAssembly) in a module Web Worker, so
// the page stays responsive while a cell runs. Everything comes from this site:
// thirdparty/pyodide/ (the npm package's core files and goconc's wheel, book/vendor.py)
// and live_boot.py. Goroutines switch stacks with JSPI (goconc/_jspi.py).
//
// Messages in:  {type: "run", id, source, filename}
// Messages out: {type: "ready", ms} | {type: "fatal", text}
//               {type: "stdout"|"stderr", id, text} | {type: "done", id, result, ms}
import { loadPyodide } from "./thirdparty/pyodide/pyodide.mjs";

const base = new URL("./", import.meta.url);
const NO_JSPI =
  "This browser cannot run the live cells: it lacks WebAssembly JavaScript Promise " +
  "Integration (on by default in Chrome and Edge 137 or later). Run the notebook " +
  "locally instead (pip install goconc, then open it in Jupyter).";

let current = null;
const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
function writer(stream) {
  return {
    write(buf) {
      const text = decoder[stream].decode(buf, { stream: true });
      if (text) postMessage({ type: stream, id: current, text });
      return buf.length;
    },
  };
}

async function start() {
  const t0 = performance.now();
  if (!("Suspending" in WebAssembly) || !("promising" in WebAssembly)) {
    postMessage({ type: "fatal", text: NO_JSPI });
    return null;
  }
  const py = await loadPyodide({ indexURL: new URL("thirdparty/pyodide/", base).href });
  py.setStdout(writer("stdout"));
  py.setStderr(writer("stderr"));
  const files = await (await fetch(new URL("thirdparty/pyodide/live-files.json", base))).json();
  const wheel = await fetch(new URL("thirdparty/pyodide/" + files.wheel, base));
  py.unpackArchive(await wheel.arrayBuffer(), "wheel");
  const boot = await (await fetch(new URL("live_boot.py", base))).text();
  // In site-packages, so that goroutine dumps leave its frames out (as they leave out
  // ipykernel's in Jupyter).
  py.FS.writeFile("/lib/python3.14/site-packages/live_boot.py", boot);
  await py.runPythonAsync("import live_boot");
  postMessage({ type: "ready", ms: Math.round(performance.now() - t0) });
  return py;
}

const ready = start().catch((e) => {
  postMessage({ type: "fatal", text: String(e && e.message ? e.message : e) });
  return null;
});

let queue = Promise.resolve();
onmessage = (event) => {
  const msg = event.data;
  if (msg.type !== "run") return;
  queue = queue.then(async () => {
    const py = await ready;
    if (py === null) return;
    current = msg.id;
    const t0 = performance.now();
    let result = null;
    try {
      py.globals.set("_live_source", msg.source);
      py.globals.set("_live_filename", msg.filename);
      result = await py.runPythonAsync(
        "import live_boot\nawait live_boot.run(_live_source, _live_filename)",
        // "<frozen ...>": goroutine dumps leave this runner's frame out.
        { filename: "<frozen goconc-live>" });
    } catch (e) {
      postMessage({ type: "stderr", id: msg.id, text: String(e && e.message ? e.message : e) });
    }
    postMessage({ type: "done", id: msg.id, result, ms: Math.round(performance.now() - t0) });
  });
};
