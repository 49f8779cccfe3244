// goconc's animation widget: replays a goconc.trace.Trace (anywidget ESM module).
//
// The Python side puts the whole trace into the `trace_data` traitlet (Trace.to_dict()),
// so a page with the widget's embedded state needs no kernel and no network.
// Every value from the trace is written with textContent or setAttribute, never as HTML.
// Layout is plain DOM + CSS; tokens move with the Web Animations API (FLIP), and not at
// all in reduced-motion mode.

const SPEEDS = [0.5, 1, 2, 4];
const BASE_MS = 1000; // one step per second at 1x

function h(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function dur(ns) {
  // Go's time.Duration String(), for the clock readout.
  if (ns === 0) return "0s";
  const neg = ns < 0;
  ns = Math.abs(ns);
  let s;
  if (ns < 1e3) s = ns + "ns";
  else if (ns < 1e6) s = +(ns / 1e3).toFixed(3) + "µs";
  else if (ns < 1e9) s = +(ns / 1e6).toFixed(6) + "ms";
  else {
    let sec = ns / 1e9;
    const hrs = Math.floor(sec / 3600);
    sec -= hrs * 3600;
    const min = Math.floor(sec / 60);
    sec -= min * 60;
    s = (hrs ? hrs + "h" : "") + (hrs || min ? min + "m" : "") + +sec.toFixed(9) + "s";
  }
  return (neg ? "-" : "") + s;
}

// --- the model: a state per position, computed once -------------------------------------

function initialState(data) {
  const gs = {};
  for (const g of data.goroutines) {
    gs[g.id] = { status: "unborn", reason: null, hand: null, waitOn: [], note: null };
  }
  const chans = {};
  for (const c of data.channels) chans[c.id] = { made: false, closed: false, buf: [] };
  return { t: 0, gs, chans, tokens: {}, out: 0, banner: null, running: null, fx: [] };
}

function clone(s) {
  const gs = {};
  for (const k in s.gs) gs[k] = { ...s.gs[k], waitOn: s.gs[k].waitOn.slice() };
  const chans = {};
  for (const k in s.chans) chans[k] = { ...s.chans[k], buf: s.chans[k].buf.slice() };
  return { ...s, gs, chans, tokens: { ...s.tokens }, fx: [] };
}

function apply(s, e, data, lastOp) {
  const g = e.g != null ? s.gs[e.g] : null;
  const fx = s.fx;
  const newToken = (value, ok, origin) => {
    const id = "t" + e.seq;
    s.tokens[id] = { value, ok, zero: ok === false };
    fx.push({ token: id, origin });
    return id;
  };
  const takeHand = (gr) => {
    const t = gr.hand;
    gr.hand = null;
    return t;
  };
  switch (e.kind) {
    case "go":
      s.gs[e.peer].status = "runnable";
      if (e.g != null) fx.push({ lane: e.g, cls: "ga-flash" });
      fx.push({ lane: e.peer, cls: "ga-born" });
      break;
    case "run":
      if (s.running != null && s.gs[s.running].status === "running") {
        s.gs[s.running].status = "runnable";
      }
      s.running = e.g;
      g.status = "running";
      break;
    case "block": {
      g.status = "blocked";
      g.reason = e.reason;
      const op = lastOp[e.g];
      g.waitOn = [];
      if (op && (e.reason === "chan send" || e.reason === "chan receive" || e.reason === "select")) {
        if (op.kind === "send") g.waitOn = [{ ch: op.ch, dir: "send" }];
        else if (op.kind === "recv") g.waitOn = [{ ch: op.ch, dir: "recv" }];
        else if (op.kind === "select") {
          g.waitOn = op.cases.filter((c) => c.ch != null).map((c) => ({
            ch: c.ch, dir: c.kind === "send" ? "send" : "recv", select: true,
          }));
        }
      }
      if (s.running === e.g) s.running = null;
      break;
    }
    case "ready":
      g.status = "runnable";
      g.reason = null;
      g.waitOn = [];
      break;
    case "exit":
      if (s.banner && s.banner.kind === "deadlock" && g.status === "blocked") {
        g.note = "unwound after the deadlock"; // keep the picture of the deadlock
        break;
      }
      g.status = "exited";
      g.reason = null;
      g.waitOn = [];
      takeHand(g);
      if (s.running === e.g) s.running = null;
      break;
    case "chan":
      s.chans[e.ch].made = true;
      fx.push({ pipe: e.ch, cls: "ga-flash" });
      break;
    case "send":
      lastOp[e.g] = e;
      takeHand(g);
      g.hand = newToken(e.value, true, "hand:" + e.g);
      g.note = null;
      break;
    case "recv":
      lastOp[e.g] = e;
      takeHand(g);
      break;
    case "select":
      lastOp[e.g] = e;
      takeHand(g);
      fx.push({ lane: e.g, cls: "ga-select" });
      for (const c of e.cases) if (c.ch != null) fx.push({ pipe: c.ch, cls: "ga-offer" });
      break;
    case "selected": {
      const op = lastOp[e.g];
      const c = op && op.cases ? op.cases[e.index] : null;
      if (c && c.ch != null) fx.push({ pipe: c.ch, cls: "ga-taken" });
      g.note = c ? "select took case " + e.index : null;
      fx.push({ lane: e.g, cls: "ga-taken" });
      break;
    }
    case "sent": {
      let tok = g && g.hand && s.tokens[g.hand] ? takeHand(g) : null;
      if (!tok) tok = newToken(e.value, true, e.g != null ? "hand:" + e.g : "pipe:" + e.ch);
      if (e.peer != null) {
        // Straight to the receiver (unbuffered, or a receiver already waiting).
        const r = s.gs[e.peer];
        if (r) {
          takeHand(r);
          r.hand = tok;
        }
        fx.push({ token: tok, via: "pipe:" + e.ch, handoff: true });
      } else {
        s.chans[e.ch].buf.push(tok);
      }
      fx.push({ pipe: e.ch, cls: "ga-flash" });
      break;
    }
    case "recvd": {
      if (e.peer != null) break; // told by its "sent"
      const c = s.chans[e.ch];
      if (!e.ok) {
        takeHand(g);
        g.hand = newToken(e.value, false, "pipe:" + e.ch);
        fx.push({ lane: e.g, cls: "ga-zero" });
      } else {
        const tok = c.buf.shift() || newToken(e.value, true, "pipe:" + e.ch);
        takeHand(g);
        g.hand = tok;
      }
      fx.push({ pipe: e.ch, cls: "ga-flash" });
      break;
    }
    case "close":
      s.chans[e.ch].closed = true;
      fx.push({ pipe: e.ch, cls: "ga-closing" });
      break;
    case "timer":
      if (e.ch != null) s.chans[e.ch].made = true;
      if (e.peer != null) s.gs[e.peer].note = "until " + dur(e.at);
      else if (e.ch != null) fx.push({ pipe: e.ch, cls: "ga-flash" });
      break;
    case "fire":
      if (e.ch != null) fx.push({ pipe: e.ch, cls: "ga-fire" });
      if (e.peer != null) s.gs[e.peer].note = null;
      break;
    case "stop":
      // Timer.stop/reset, Ticker.stop/reset: a value sent but not received is discarded.
      if (e.ch != null) {
        s.chans[e.ch].buf = [];
        fx.push({ pipe: e.ch, cls: "ga-flash" });
      }
      if (e.g != null) fx.push({ lane: e.g, cls: "ga-flash" });
      break;
    case "clock":
      fx.push({ clock: true });
      break;
    case "print":
      s.out += 1;
      if (e.g != null) fx.push({ lane: e.g, cls: "ga-flash" });
      break;
    case "deadlock":
      s.banner = { kind: "deadlock", text: e.text, waiting: e.waiting || [] };
      break;
    case "crash":
      s.banner = { kind: "crash", text: e.text, g: e.g };
      break;
    default:
      break;
  }
  s.t = e.t;
}

function buildStates(data) {
  const states = [initialState(data)];
  const lastOp = {};
  let s = states[0];
  for (const [start, end] of data.steps) {
    s = clone(s);
    for (let i = start; i <= end; i++) apply(s, data.events[i], data, lastOp);
    states.push(s);
  }
  return states;
}

// --- the view ---------------------------------------------------------------------------

class Player {
  constructor(root, model) {
    this.root = root;
    this.model = model;
    this.pos = 0;
    this.timer = null;
    this.speed = 1;
    const mq = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
    this.reduced = !!(mq && mq.matches);
    this.buildChrome();
    this.load(model.get("trace_data"));
  }

  load(data) {
    this.stop();
    this.data = data && data.steps ? data : { goroutines: [], channels: [], events: [], steps: [] };
    this.states = buildStates(this.data);
    this.chanNames = {};
    for (const c of this.data.channels) this.chanNames[c.id] = c.name;
    this.outLines = this.data.events.filter((e) => e.kind === "print");
    this.buildStage();
    this.scrub.max = String(this.data.steps.length);
    this.show(0, false);
  }

  button(label, text, onclick) {
    const b = h("button", "ga-btn", text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", onclick);
    return b;
  }

  buildChrome() {
    const r = this.root;
    r.tabIndex = 0;
    r.setAttribute("role", "group");
    r.setAttribute("aria-label", "goconc animation: use the arrow keys to step");
    const bar = h("div", "ga-controls");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Animation controls");
    this.bRestart = this.button("Restart", "↺ Restart", () => { this.stop(); this.show(0, false); });
    this.bBack = this.button("Step back", "◀ Back", () => { this.stop(); this.step(-1); });
    this.bPlay = this.button("Play", "▶ Play", () => this.toggle());
    this.bPlay.classList.add("ga-play");
    this.bFwd = this.button("Step forward", "Step ▶", () => { this.stop(); this.step(1); });
    const speed = h("label", "ga-speed", "Speed ");
    this.sel = h("select");
    this.sel.setAttribute("aria-label", "Speed");
    for (const v of SPEEDS) {
      const o = h("option", null, v + "×");
      o.value = String(v);
      if (v === 1) o.selected = true;
      this.sel.appendChild(o);
    }
    this.sel.addEventListener("change", () => { this.speed = +this.sel.value; });
    speed.appendChild(this.sel);
    this.scrub = h("input", "ga-scrub");
    this.scrub.type = "range";
    this.scrub.min = "0";
    this.scrub.value = "0";
    this.scrub.setAttribute("aria-label", "Step");
    this.scrub.addEventListener("input", () => { this.stop(); this.show(+this.scrub.value, false); });
    const rm = h("label", "ga-rm");
    this.rmBox = h("input");
    this.rmBox.type = "checkbox";
    this.rmBox.checked = this.reduced;
    this.rmBox.addEventListener("change", () => { this.reduced = this.rmBox.checked; this.paint(false); });
    rm.appendChild(this.rmBox);
    rm.appendChild(document.createTextNode(" Reduce motion"));
    this.clock = h("span", "ga-clock", "t = 0s");
    this.clock.setAttribute("aria-label", "virtual clock");
    this.count = h("span", "ga-count", "");
    for (const x of [this.bRestart, this.bBack, this.bPlay, this.bFwd, speed, this.scrub, this.clock, this.count, rm]) {
      bar.appendChild(x);
    }
    this.caption = h("div", "ga-caption", "");
    this.caption.setAttribute("aria-live", "polite");
    this.stage = h("div", "ga-stage");
    this.banner = h("div", "ga-banner");
    this.banner.hidden = true;
    const bottom = h("div", "ga-bottom");
    this.log = h("ol", "ga-log");
    this.log.setAttribute("aria-label", "what happened");
    const outBox = h("div", "ga-outbox");
    outBox.appendChild(h("div", "ga-outtitle", "stdout"));
    this.out = h("pre", "ga-out");
    outBox.appendChild(this.out);
    bottom.appendChild(this.log);
    bottom.appendChild(outBox);
    for (const x of [bar, this.caption, this.banner, this.stage, bottom]) r.appendChild(x);
    r.addEventListener("keydown", (ev) => this.key(ev));
  }

  key(ev) {
    const tag = ev.target && ev.target.tagName;
    if (tag === "INPUT" || tag === "SELECT") return;
    if (ev.key === "ArrowRight") { this.stop(); this.step(1); }
    else if (ev.key === "ArrowLeft") { this.stop(); this.step(-1); }
    else if (ev.key === "Home") { this.stop(); this.show(0, false); }
    else if (ev.key === "End") { this.stop(); this.show(this.states.length - 1, false); }
    else if ((ev.key === " " || ev.key === "k") && tag !== "BUTTON") this.toggle();
    else return;
    ev.preventDefault();
  }

  buildStage() {
    const st = this.stage;
    st.textContent = "";
    this.lanes = {};
    this.pipes = {};
    const lanes = h("div", "ga-lanes");
    lanes.appendChild(h("div", "ga-head", "goroutines"));
    for (const g of this.data.goroutines) {
      const row = h("div", "ga-lane");
      const id = h("span", "ga-gid", "g" + g.id);
      const name = h("span", "ga-fn", g.name);
      name.title = g.name;
      const label = h("div", "ga-label");
      label.appendChild(id);
      label.appendChild(name);
      const status = h("div", "ga-status", "");
      const hand = h("div", "ga-hand");
      hand.title = "the value this goroutine holds";
      row.appendChild(label);
      row.appendChild(status);
      row.appendChild(hand);
      lanes.appendChild(row);
      this.lanes[g.id] = { row, status, hand };
    }
    const chans = h("div", "ga-chans");
    chans.appendChild(h("div", "ga-head", "channels"));
    for (const c of this.data.channels) {
      const row = h("div", "ga-chan");
      const label = h("div", "ga-cname");
      label.appendChild(h("span", "ga-cn", (c.timer ? "timer " : "") + c.name));
      // A timer's channel has cap 0 (Go 1.23+), yet holds its fired value until received.
      label.appendChild(h("span", "ga-ctype", "chan " + c.elem + (c.timer ? ", cap 0, holds the fired value" : c.cap ? ", cap " + c.cap : ", unbuffered")));
      const senders = h("div", "ga-q ga-sendq");
      const pipe = h("div", "ga-pipe");
      const slots = [];
      const shown = c.timer ? 1 : Math.min(c.cap, 8);
      if (c.cap === 0 && !c.timer) pipe.appendChild(h("div", "ga-rendezvous"));
      for (let i = 0; i < shown; i++) {
        const sl = h("div", "ga-slot");
        pipe.appendChild(sl);
        slots.push(sl);
      }
      const more = h("span", "ga-more", "");
      if (c.cap > shown) pipe.appendChild(more);
      const end = h("div", "ga-end", "");
      pipe.appendChild(end);
      const receivers = h("div", "ga-q ga-recvq");
      const body = h("div", "ga-pipebody");
      body.appendChild(senders);
      body.appendChild(pipe);
      body.appendChild(receivers);
      row.appendChild(label);
      row.appendChild(body);
      chans.appendChild(row);
      this.pipes[c.id] = { row, pipe, slots, senders, receivers, end, more, cap: c.cap };
    }
    st.appendChild(lanes);
    st.appendChild(chans);
  }

  toggle() { if (this.timer) this.stop(); else this.play(); }

  play() {
    if (this.pos >= this.states.length - 1) this.show(0, false);
    this.bPlay.textContent = "❚❚ Pause";
    this.bPlay.setAttribute("aria-label", "Pause");
    this.bPlay.title = "Pause";
    const tick = () => {
      if (this.pos >= this.states.length - 1) { this.stop(); return; }
      this.step(1);
      this.timer = setTimeout(tick, BASE_MS / this.speed);
    };
    this.timer = setTimeout(tick, Math.min(300, BASE_MS / this.speed));
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.bPlay) {
      this.bPlay.textContent = "▶ Play";
      this.bPlay.setAttribute("aria-label", "Play");
      this.bPlay.title = "Play";
    }
  }

  step(d) { this.show(Math.max(0, Math.min(this.states.length - 1, this.pos + d)), d > 0); }

  show(pos, animate) {
    this.pos = pos;
    this.paint(animate);
  }

  tokenEl(id, tok) {
    const el = h("span", "ga-token" + (tok.zero ? " ga-zerotok" : ""));
    el.dataset.token = id;
    el.textContent = tok.zero ? tok.value + ", ok=False" : tok.value;
    el.title = tok.zero ? tok.value + ", ok=False (closed)" : tok.value;
    return el;
  }

  anchorRect(key) {
    const [kind, id] = key.split(":");
    let el = null;
    if (kind === "hand" && this.lanes[id]) el = this.lanes[id].hand;
    if (kind === "pipe" && this.pipes[id]) el = this.pipes[id].pipe;
    return el ? el.getBoundingClientRect() : null;
  }

  paint(animate) {
    const s = this.states[this.pos];
    const n = this.states.length - 1;
    const motion = animate && !this.reduced;
    this.root.classList.toggle("ga-reduced", this.reduced);
    // FLIP, first: where every token is now.
    const before = {};
    if (motion) {
      for (const el of this.stage.querySelectorAll(".ga-token")) {
        before[el.dataset.token] = el.getBoundingClientRect();
      }
    }
    this.count.textContent = "step " + this.pos + " / " + n;
    this.clock.textContent = "t = " + dur(s.t);
    this.scrub.value = String(this.pos);
    this.bBack.disabled = this.pos === 0;
    this.bFwd.disabled = this.pos === n;
    const steps = this.data.steps;
    this.caption.textContent = this.pos === 0
      ? (n ? "Press ▶ Play or → to step through " + n + " steps." : "Nothing to show.")
      : steps[this.pos - 1][2];
    // Lanes.
    for (const g of this.data.goroutines) {
      const st = s.gs[g.id];
      const L = this.lanes[g.id];
      L.row.className = "ga-lane ga-" + st.status;
      let text = st.status;
      if (st.status === "blocked") {
        text = "[" + st.reason + "]";
        const on = st.waitOn.map((w) => (w.dir === "send" ? "→ " : "← ") + this.chanNames[w.ch]);
        if (on.length) text += " " + on.join(" | ");
      } else if (st.status === "unborn") text = "not started";
      else if (st.status === "running") text = "▶ running";
      if (st.note && st.status !== "exited") text += " · " + st.note;
      L.status.textContent = text;
      L.hand.textContent = "";
      if (st.hand && s.tokens[st.hand]) L.hand.appendChild(this.tokenEl(st.hand, s.tokens[st.hand]));
    }
    if (s.banner && s.banner.kind === "deadlock") {
      for (const [gid] of s.banner.waiting) this.lanes[gid] && this.lanes[gid].row.classList.add("ga-dead");
    }
    // Channels.
    const waiting = {};
    for (const g of this.data.goroutines) {
      const st = s.gs[g.id];
      if (st.status !== "blocked") continue;
      for (const w of st.waitOn) (waiting[w.ch] = waiting[w.ch] || []).push([g.id, w]);
    }
    for (const c of this.data.channels) {
      const cs = s.chans[c.id];
      const P = this.pipes[c.id];
      P.row.className = "ga-chan" + (cs.made ? "" : " ga-unmade") + (cs.closed ? " ga-closed" : "");
      P.end.textContent = cs.closed ? "closed" : "";
      P.slots.forEach((sl, i) => {
        sl.textContent = "";
        const tok = cs.buf[i];
        if (tok && s.tokens[tok]) sl.appendChild(this.tokenEl(tok, s.tokens[tok]));
      });
      if (P.cap > P.slots.length) {
        const extra = Math.max(0, cs.buf.length - P.slots.length);
        P.more.textContent = extra ? "+" + extra : "";
      }
      P.senders.textContent = "";
      P.receivers.textContent = "";
      for (const [gid, w] of waiting[c.id] || []) {
        const chip = h("span", "ga-chip" + (w.select ? " ga-selchip" : ""), "g" + gid + (w.select ? " select" : ""));
        chip.title = "g" + gid + " is waiting to " + (w.dir === "send" ? "send" : "receive") + (w.select ? " (in a select)" : "");
        (w.dir === "send" ? P.senders : P.receivers).appendChild(chip);
      }
    }
    // Transient highlights of this step.
    for (const f of s.fx) {
      let el = null;
      if (f.lane != null && this.lanes[f.lane]) el = this.lanes[f.lane].row;
      if (f.pipe != null && this.pipes[f.pipe]) el = this.pipes[f.pipe].row;
      if (f.clock) el = this.clock;
      if (el) el.classList.add(f.cls || "ga-flash", "ga-fx");
    }
    // Banner.
    this.banner.textContent = "";
    this.banner.hidden = !s.banner;
    if (s.banner) {
      this.banner.className = "ga-banner ga-" + s.banner.kind;
      this.banner.appendChild(h("div", "ga-btitle", s.banner.kind === "crash" && s.banner.g != null
        ? "g" + s.banner.g + ": " + s.banner.text : s.banner.text));
      if (s.banner.kind === "deadlock") {
        const ul = h("ul");
        for (const [gid, reason] of s.banner.waiting) {
          const g = this.data.goroutines.find((x) => x.id === gid);
          ul.appendChild(h("li", null, "goroutine " + gid + " (" + (g ? g.name : "?") + ") [" + reason + "]"));
        }
        this.banner.appendChild(ul);
      }
    }
    // The log: the last few steps, the current one last.
    this.log.textContent = "";
    for (let i = Math.max(1, this.pos - 4); i <= this.pos; i++) {
      const li = h("li", i === this.pos ? "ga-now" : "", steps[i - 1][2]);
      li.value = i;
      this.log.appendChild(li);
    }
    this.out.textContent = this.outLines.slice(0, s.out).slice(-6)
      .map((e) => (e.g != null ? "g" + e.g : "rt") + "│ " + e.text).join("\n");
    if (motion) this.animateTokens(s, before);
  }

  animateTokens(s, before) {
    const ms = Math.min(700, (BASE_MS * 0.7) / this.speed);
    const moves = {};
    for (const f of s.fx) if (f.token) moves[f.token] = { ...(moves[f.token] || {}), ...f };
    for (const el of this.stage.querySelectorAll(".ga-token")) {
      const id = el.dataset.token;
      const to = el.getBoundingClientRect();
      const m = moves[id] || {};
      let from = before[id] || (m.origin ? this.anchorRect(m.origin) : null);
      if (!from) continue;
      const dx = from.left + from.width / 2 - (to.left + to.width / 2);
      const dy = from.top + from.height / 2 - (to.top + to.height / 2);
      const frames = [{ transform: `translate(${dx}px, ${dy}px)` }];
      const via = m.via ? this.anchorRect(m.via) : null;
      if (via) {
        const vx = via.left + via.width / 2 - (to.left + to.width / 2);
        const vy = via.top + via.height / 2 - (to.top + to.height / 2);
        frames.push({ transform: `translate(${vx}px, ${vy}px)` });
      }
      frames.push({ transform: "translate(0, 0)" });
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1 && !via) continue;
      if (el.animate) el.animate(frames, { duration: ms, easing: "ease-in-out" });
    }
  }

  destroy() { this.stop(); }
}

function render({ model, el }) {
  const root = h("div", "goconc-anim");
  el.appendChild(root);
  const player = new Player(root, model);
  model.on("change:trace_data", () => player.load(model.get("trace_data")));
  return () => player.destroy();
}

export default { render };
