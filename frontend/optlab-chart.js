// <optlab-chart>: OptLab's own small wrapper around ApexCharts 4.7.0 (MIT).
//
// The Java side (org.optlab.ui.chart.ApexChart) calls:
//   setConfig(json)      full state: {options, series: [{name, color, type, data, live}]}; re-renders
//   appendPoints(json)   [{index, points: [[x, y], ...], replace}]: one call per push (replace: the series' whole,
//                        newly decimated data); drawn at the next animation frame
//   reset()              empties every series that is appended to
//   setTheme(mode)       'light' or 'dark'
//   setLogarithmic(bool) log scale on the y axis (log10 of the values on a linear axis, ticks labelled 10ᵏ)
//   markEnd(json)        {x, y, text, color, series?}: a labelled point where a run's curve ends (diverged, converged,
//                        ...), or where a run's path met a warning; series: the curve the label speaks of. The labels
//                        are laid out here (see _drawMarks): beside their point, inside the plot, never on each other
//   clearMarks()         removes those labels
//   setOverlayLayer(json) {index, points}: replaces the points of one overlay layer (decision regions)
//   setArrows(json)      [{x1, y1, x2, y2, color, label, dashed}]: arrows in data coordinates over the overlay (step mode)
// Series names are user text: they are HTML-escaped before ApexCharts sees them (it writes legends and tooltips with
// innerHTML), so they show as text and never run as HTML. This file never drops a point: long series are decimated on the
// server, in one place (org.optlab.lab.Decimation: M4 for curves, every turning point for paths), and drawn as sent.
import ApexCharts from 'apexcharts';

// At most one redraw per animation frame, and at least this long between two redraws of one chart. On a slow or busy
// machine, where redraws take long, the gap grows to REDRAW_BACKOFF times what the last redraw of every chart on the page
// took together, so that drawing keeps at most about half of the page's time and pushed updates and clicks are still
// handled promptly (the data is not thinned: the next redraw shows every point that arrived meanwhile).
const MIN_REDRAW_MILLIS = 250;
const REDRAW_BACKOFF = 2;
/** chart → how long its last redraw took (ms). */
const lastRedrawMillis = new Map();

function pageRedrawMillis() {
  let sum = 0;
  for (const ms of lastRedrawMillis.values()) {
    sum += ms;
  }
  return sum;
}

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** A tick of the log scale: the axis carries log10 of the value, the label says 10ᵏ. */
function powerOfTen(v) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '';
  }
  const k = Math.round(v);
  if (Math.abs(v - k) > 1e-9) {
    return fromLog(v);
  }
  if (k === 0) {
    return '1';
  }
  return '10' + String(k).split('').map((c) => SUPERSCRIPT[c]).join('');
}

/** The value whose log10 is v, to 6 significant digits (hover on the log scale shows the loss, not its logarithm). */
function fromLog(v) {
  const x = Math.pow(10, v);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? x.toExponential(5) : String(Number(x.toPrecision(6)));
}

/** What the Java side calls "ink": drawn black on the light theme and near-white on the dark one (critical points). */
const INK = { light: '#000000', dark: '#f5f5f5' };
/** Grid lines, faint on both themes (ApexCharts' dark theme draws them white, brighter than the contour lines). */
const GRID = { light: '#e0e0e0', dark: 'rgba(255, 255, 255, 0.12)' };
/** Contour lines: quieter than the paths, on both themes. */
const CONTOURS = { light: '#9e9e9e', dark: '#8a96a3' };
/**
 * The log axis stops this many decades below the decade of the smallest starting loss: a run that converges to 10⁻⁶⁴
 * would otherwise squeeze every curve into the top of the plot. Lower losses run off the bottom, and the chart says so.
 */
const LOG_DECADES_BELOW_START = 12;

/** The smallest of 1, 2, 5 × 10ᵏ that cuts range into at most maxTicks intervals (as org.optlab.ui.Axes). */
function niceStep(range, maxTicks) {
  const raw = range / maxTicks;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) {
    if (m * p >= raw * (1 - 1e-12)) {
      return m * p;
    }
  }
  return 10 * p;
}

/** An axis from 0 to a round number at or above max, ticks on whole multiples of a round step: [0, top, intervals]. */
function upTo(max) {
  const m = max > 0 ? max : 1;
  const step = niceStep(m, 8);
  const top = Math.ceil(m / step - 1e-9) * step;
  return [0, Number(top.toPrecision(12)), Math.round(top / step)];
}

/** A value to 4 significant digits, or with an exponent when very small or large. */
function short(v) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '';
  }
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? Number(v).toExponential(2) : String(Number(v.toPrecision(4)));
}

/**
 * A tick of an x axis whose top is top: on an axis reaching 10,000 or more every tick in thousands (0, 20k, 40k … 100k)
 * or, from a million, in millions (0.5M, 1M), so that one axis never mixes 80000 with 1.00e+5; otherwise as short().
 */
function xTick(v, top) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '';
  }
  if (!(top >= 1e4) || v === 0) {
    return short(v);
  }
  const [unit, suffix] = top >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
  return String(Number((v / unit).toPrecision(3))) + suffix;
}

class OptlabChart extends HTMLElement {
  constructor() {
    super();
    this._options = null;
    this._series = [];
    this._chart = null;
    this._frameRequested = false;
    this._theme = 'light';
    this._logarithmic = false;
    this._marks = [];
  }

  markEnd(json) {
    this._marks.push(JSON.parse(json));
    this._drawMarks();
  }

  clearMarks() {
    this._marks = [];
    this._drawMarks();
  }

  /**
   * The labels of the marks (a run's end on its curve, a warning on its path), in their own layer over the plot, in
   * pixels: each mark is a dot at its point, and its label goes where it covers no other label, no other mark and as
   * little of the curves as it can, inside the plot, near its point and nearer its own curve than the others (a leader
   * line in its colour joins a label set apart to its dot). Five runs stopped at one step keep five readable labels.
   */
  _drawMarks() {
    const ns = 'http://www.w3.org/2000/svg';
    let svg = this.querySelector('svg.optlab-marks');
    const g = this._chart && this._chart.w && this._chart.w.globals;
    const grid = this.querySelector('.apexcharts-grid');
    if (!this._marks.length || !g || !grid || !(g.maxX > g.minX) || !(g.maxY > g.minY)) {
      if (svg) {
        svg.remove();
      }
      return;
    }
    if (!svg) {
      svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('class', 'optlab-marks');
      svg.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;overflow:visible;z-index:5';
    }
    if (this.lastElementChild !== svg) {
      this.appendChild(svg); // over the chart and the overlay (its balls)
    }
    svg.textContent = '';
    const host = this.getBoundingClientRect();
    const box = grid.getBoundingClientRect();
    svg.setAttribute('width', String(host.width));
    svg.setAttribute('height', String(host.height));
    const plot = { left: box.left - host.left, top: box.top - host.top, right: box.right - host.left, bottom: box.bottom - host.top };
    const clampX = (x) => Math.max(plot.left, Math.min(plot.right, x));
    const clampY = (y) => Math.max(plot.top, Math.min(plot.bottom, y));
    const sx = (x) => plot.left + (x - g.minX) / (g.maxX - g.minX) * (plot.right - plot.left);
    const sy = (y) => plot.top + (g.maxY - y) / (g.maxY - g.minY) * (plot.bottom - plot.top);
    const value = (v) => (this._logarithmic ? (v > 0 ? Math.log10(v) : -Infinity) : Math.max(-1e12, Math.min(1e12, v)));
    // the curves as drawn, as points at most 6 px apart (from at most ~300 of their points each): what a label should
    // not cover, and the curve it belongs beside
    const curves = this._series.map((s) => {
      const pts = [];
      const every = Math.max(1, Math.ceil(s.data.length / 300));
      let last = null;
      for (let k = 0; k < s.data.length; k += every) {
        const p = s.data[k];
        if (!p || !Number.isFinite(p[0]) || !Number.isFinite(value(p[1]))) {
          last = null;
          continue;
        }
        const q = [sx(p[0]), Math.max(-1e5, Math.min(1e5, sy(value(p[1]))))];
        if (last) {
          const n = Math.min(200, Math.floor(Math.hypot(q[0] - last[0], q[1] - last[1]) / 6));
          for (let i = 1; i <= n; i++) {
            pts.push([last[0] + (q[0] - last[0]) * i / (n + 1), last[1] + (q[1] - last[1]) * i / (n + 1)]);
          }
        }
        pts.push(q);
        last = q;
      }
      return pts;
    });
    const anchors = this._marks.map((m) => [clampX(sx(m.x)), clampY(sy(value(m.y)))]);
    // the balls at the paths' ends (a plot of the plane) are marks a label must not cover either
    const dots = anchors.slice();
    if (this._overlay) {
      this._series.forEach((s, i) => {
        if (s.live && curves[i].length) {
          dots.push(curves[i][curves[i].length - 1]);
        }
      });
    }
    // on a plot of the plane a label may sit anywhere beside its path (a warning at θ₀, where every path starts, goes
    // beside its own path); on a curve chart it stays at its curve's end
    const plane = !!this._overlay;
    const placed = [];
    const previous = this._markPlaces || new Map();
    const places = new Map();
    this._markPlaces = places;
    this._marks.forEach((m, i) => {
      const color = m.color || '#e53935';
      const group = document.createElementNS(ns, 'g');
      group.setAttribute('class', 'optlab-mark');
      if (m.series !== undefined) {
        group.setAttribute('data-series', String(m.series));
      }
      svg.appendChild(group);
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('class', 'optlab-mark-label');
      text.setAttribute('font-size', '11');
      text.setAttribute('fill', '#fff');
      text.textContent = m.text;
      group.appendChild(text);
      let w = Math.ceil(text.getComputedTextLength()) + 8;
      const room = plot.right - plot.left - 2;
      if (w > room && room > 40) {
        // wider than the plot (a phone): shortened to fit, the whole text in its tooltip
        const title = document.createElementNS(ns, 'title');
        title.textContent = m.text;
        group.appendChild(title);
        for (let n = m.text.length - 1; n > 1 && w > room; n--) {
          text.textContent = m.text.slice(0, n).trimEnd() + '…';
          w = Math.ceil(text.getComputedTextLength()) + 8;
        }
      }
      const h = 16;
      const [ax, ay] = anchors[i];
      const own = m.series !== undefined ? curves[m.series] || [] : [];
      const near = (pts, b) => {
        let best = Infinity;
        for (const [x, y] of pts) {
          const dx = Math.max(b.x - x, 0, x - b.x - w);
          const dy = Math.max(b.y - y, 0, y - b.y - h);
          best = Math.min(best, Math.hypot(dx, dy));
        }
        return best;
      };
      const score = (b) => {
        if (b.x < plot.left + 1 || b.y < plot.top + 1 || b.x + w > plot.right - 1 || b.y + h > plot.bottom - 1) {
          return Infinity;
        }
        let sc = (plane ? 0.3 : 2) * Math.hypot(Math.max(b.x - ax, 0, ax - b.x - w), Math.max(b.y - ay, 0, ay - b.y - h));
        // the leader, from the point to the box's nearest point, should cross no other label
        const lx = Math.max(b.x, Math.min(b.x + w, ax));
        const ly = Math.max(b.y, Math.min(b.y + h, ay));
        for (const q of placed) {
          const ox = Math.min(b.x + w, q.x + q.w) - Math.max(b.x, q.x);
          const oy = Math.min(b.y + h, q.y + q.h) - Math.max(b.y, q.y);
          if (ox > -2 && oy > -2) {
            sc += 10000 + 100 * Math.max(0, ox) * Math.max(0, oy);
          }
          for (let t = 0.05; t < 1; t += 0.05) {
            const x = ax + (lx - ax) * t;
            const y = ay + (ly - ay) * t;
            if (x > q.x && x < q.x + q.w && y > q.y && y < q.y + q.h) {
              sc += 3000;
              break;
            }
          }
        }
        for (const [x, y] of dots) {
          if (x > b.x - 6 && x < b.x + w + 6 && y > b.y - 6 && y < b.y + h + 6) {
            sc += 2000;
          }
        }
        curves.forEach((pts) => {
          for (const [x, y] of pts) {
            if (x > b.x && x < b.x + w && y > b.y && y < b.y + h) {
              sc += 2;
            }
          }
        });
        if (own.length > 1) {
          // beside its own curve rather than another's
          let others = Infinity;
          curves.forEach((pts, k) => {
            if (k !== m.series && this._series[k] && this._series[k].live) {
              others = Math.min(others, near(pts, b));
            }
          });
          sc += plane ? 2 * near(own, b) - Math.min(others, 60) : near(own, b) - 0.5 * Math.min(others, 40);
        }
        return sc;
      };
      const candidates = [];
      for (let a = 0; a < 16; a++) {
        const ux = Math.cos(a * Math.PI / 8);
        const uy = Math.sin(a * Math.PI / 8);
        for (const d of [6, 18, 34, 56, 84]) {
          const reach = d + Math.abs(ux) * w / 2 + Math.abs(uy) * h / 2;
          candidates.push({ x: ax + ux * reach - w / 2, y: ay + uy * reach - h / 2 });
        }
      }
      for (let k = -10; k <= 10; k++) {
        candidates.push({ x: ax - 8 - w, y: ay - h / 2 + k * (h + 3) }, { x: ax + 8, y: ay - h / 2 + k * (h + 3) });
      }
      // beside its own curve, near the point: above, below, left or right of one of its points, at 5 to 26 px
      for (let k = 0; k < own.length; k += 3) {
        const [x, y] = own[k];
        if (Math.hypot(x - ax, y - ay) < (plane ? 160 : 100)) {
          for (const d of [5, 14, 26]) {
            candidates.push({ x: x - w / 2, y: y - h - d }, { x: x - w / 2, y: y + d }, { x: x - w - d, y: y - h / 2 },
              { x: x + d, y: y - h / 2 });
          }
        }
      }
      let best = null;
      let bestScore = Infinity;
      for (const b of candidates) {
        const sc = score(b);
        if (sc < bestScore) {
          bestScore = sc;
          best = b;
        }
      }
      // where the label was at the last redraw, beside its point: kept unless the new best place is clearly better, so
      // that a label does not hop up and down while the run goes on (8–16 px at each redraw before)
      const key = (m.series === undefined ? '' : m.series) + '|' + m.text;
      const before = previous.get(key);
      if (before && best) {
        const kept = { x: ax + before.dx, y: ay + before.dy };
        if (score(kept) <= bestScore + 40) {
          best = kept;
        }
      }
      if (!best) {
        // no place inside the plot clear of its edges: at its left edge, at the point's height
        best = { x: plot.left + 1, y: Math.max(plot.top + 1, Math.min(plot.bottom - h - 1, ay - h / 2)) };
      }
      placed.push({ x: best.x, y: best.y, w, h });
      places.set(key, { dx: best.x - ax, dy: best.y - ay });
      const nx = Math.max(best.x, Math.min(best.x + w, ax));
      const ny = Math.max(best.y, Math.min(best.y + h, ay));
      if (Math.hypot(nx - ax, ny - ay) > 6) {
        const leader = document.createElementNS(ns, 'line');
        leader.setAttribute('class', 'optlab-mark-leader');
        leader.setAttribute('x1', String(ax));
        leader.setAttribute('y1', String(ay));
        leader.setAttribute('x2', String(nx));
        leader.setAttribute('y2', String(ny));
        leader.setAttribute('stroke', color);
        leader.setAttribute('stroke-width', '1.5');
        group.insertBefore(leader, text);
      }
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('class', 'optlab-mark-dot');
      dot.setAttribute('cx', String(ax));
      dot.setAttribute('cy', String(ay));
      if (plane) {
        // on a plot of the plane a hollow ring: a filled dot there reads as an optimizer's ball (where it ended)
        dot.setAttribute('r', '4');
        dot.setAttribute('fill', 'none');
        dot.setAttribute('stroke', color);
        dot.setAttribute('stroke-width', '2');
      } else {
        dot.setAttribute('r', '5');
        dot.setAttribute('fill', color);
        dot.setAttribute('stroke', '#fff');
        dot.setAttribute('stroke-width', '1.5');
      }
      group.insertBefore(dot, text);
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('class', 'optlab-mark-box');
      rect.setAttribute('x', String(best.x));
      rect.setAttribute('y', String(best.y));
      rect.setAttribute('width', String(w));
      rect.setAttribute('height', String(h));
      rect.setAttribute('rx', '2');
      rect.setAttribute('fill', color);
      group.insertBefore(rect, text);
      text.setAttribute('x', String(best.x + 4));
      text.setAttribute('y', String(best.y + 12));
    });
  }

  connectedCallback() {
    this.style.display = 'block';
    this.style.position = 'relative';
    this.style.overflow = 'hidden';
    if (this._options && !this._chart) {
      this._render();
    }
    // a plot of the plane keeps equal units when its width changes (window, phone rotation, a scrollbar appearing)
    this._resizeObserver = new ResizeObserver(() => {
      const width = this.clientWidth;
      if (this._equalAspectOn && this._chromeX !== undefined && width > 0 && Math.abs(width - (this._observedWidth || 0)) >= 1) {
        this._observedWidth = width;
        this._aspectTries = 0;
        this._setAspectHeight(width - this._chromeX);
      }
    });
    this._resizeObserver.observe(this);
    if (!this._hoverListening) {
      this._hoverListening = true;
      this.addEventListener('mousemove', (e) => this._hover(e));
      this.addEventListener('mouseleave', () => this._hideTip());
    }
  }

  /**
   * Hover on a plot of the plane: the path point nearest the pointer (within 12 px) says whose it is, its step, θ and
   * loss, from the point itself ([θ₁, θ₂, step, loss], as the server sent it).
   */
  _hover(event) {
    const o = this._overlay;
    const grid = o && this.querySelector('.apexcharts-grid');
    if (!grid) {
      this._hideTip();
      return;
    }
    const r = grid.getBoundingClientRect();
    let best = null;
    let bestDistance = 12;
    this._series.forEach((s) => {
      if (!s.live) {
        return;
      }
      for (const p of s.data) {
        if (!p || p.length < 4) {
          continue;
        }
        const px = r.left + (p[0] - o.xMin) / (o.xMax - o.xMin) * r.width;
        const py = r.top + (o.yMax - p[1]) / (o.yMax - o.yMin) * r.height;
        const d = Math.hypot(px - event.clientX, py - event.clientY);
        if (d < bestDistance) {
          bestDistance = d;
          best = { s, p, px, py };
        }
      }
    });
    if (!best) {
      this._hideTip();
      return;
    }
    let tip = this.querySelector('.optlab-path-tip');
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'optlab-path-tip';
      tip.style.cssText = 'position:absolute;pointer-events:none;z-index:20;padding:2px 6px;border-radius:4px;'
        + 'font-size:12px;background:rgba(33,33,33,0.88);color:#fff;white-space:nowrap';
      this.appendChild(tip);
    }
    const six = (v) => Number(Number(v).toPrecision(6)).toString();
    const p = best.p;
    tip.textContent = best.s.name + ' · step ' + p[2] + ' · θ = (' + six(p[0]) + ', ' + six(p[1]) + ') · loss ' + six(p[3]);
    tip.style.display = 'block';
    const host = this.getBoundingClientRect();
    const base = (tip.offsetParent || this).getBoundingClientRect();
    tip.style.left = Math.min(best.px - base.left + 10, Math.max(0, host.right - base.left - tip.offsetWidth - 4)) + 'px';
    tip.style.top = Math.max(0, best.py - base.top - 30) + 'px';
  }

  _hideTip() {
    const tip = this.querySelector('.optlab-path-tip');
    if (tip) {
      tip.style.display = 'none';
    }
  }

  disconnectedCallback() {
    if (this._resizeObserver) {
      this._resizeObserver.disconnect();
      this._resizeObserver = null;
    }
    lastRedrawMillis.delete(this);
    this._destroyChart();
  }

  /**
   * Destroys the ApexCharts instance for good. ApexCharts' destroy() leaves the redraw its resize handling schedules
   * (150 ms after the chart's box changed size) running, and forgets its timer whenever it parses data; when that
   * redraw fires after a new chart was made in this element, the old chart draws its old series and axes over the new
   * one until the next resize (seen: a restored draft's curves replaced by the first page's θ₀). So the destroyed
   * instance's update, which that redraw calls, does nothing.
   */
  _destroyChart() {
    if (this._chart) {
      const chart = this._chart;
      this._chart = null;
      clearTimeout(chart.w.globals.resizeTimer);
      chart.destroy();
      chart.update = () => Promise.resolve(chart);
    }
  }

  setConfig(json) {
    const config = JSON.parse(json);
    this._aspectTries = 0;
    this._options = config.options || {};
    this._marks = config.marks || [];
    this._overlay = config.overlay || null;
    this._arrows = config.arrows || [];
    this._series = (config.series || []).map((s) => ({
      name: s.name,
      color: s.color,
      type: s.type,
      data: s.data || [],
      live: s.live !== false,
    }));
    if (this.isConnected) {
      this._render();
    }
  }

  appendPoints(json) {
    const batch = JSON.parse(json);
    for (const b of batch) {
      const s = this._series[b.index];
      if (!s) {
        continue;
      }
      if (b.replace) {
        s.data = b.points;
      } else {
        for (const p of b.points) {
          s.data.push(p);
        }
      }
    }
    this._seriesDirty = true;
    this._requestFrame();
  }

  reset() {
    for (const s of this._series) {
      if (s.live) {
        s.data = [];
      }
    }
    this._arrows = [];
    this._requestFrame();
  }

  setTheme(mode) {
    this._theme = mode === 'dark' ? 'dark' : 'light';
    if (this._chart) {
      this._render();
    }
  }

  setLogarithmic(on) {
    this._logarithmic = !!on;
    if (this._chart) {
      this._render();
    }
  }

  _apexSeries() {
    return this._series.map((s) => {
      // a gap is a point without y at the previous x (ApexCharts breaks the line there)
      let lastX = 0;
      const data = s.data.map((p) => {
        if (p === null) {
          return { x: lastX, y: null };
        }
        lastX = p[0];
        if (this._logarithmic) {
          // log scale: log10 of the value on a linear axis (ApexCharts' own log axis draws small values wrongly);
          // a value ≤ 0 has no logarithm: it is left out and the chart says so (see _logNote)
          return { x: p[0], y: p[1] > 0 ? Math.log10(p[1]) : null };
        }
        // SVG paths overflow beyond ~1e308 once scaled: a diverging run is drawn up to ±1e12 (its card says the rest)
        return { x: p[0], y: Math.max(-1e12, Math.min(1e12, p[1])) };
      });
      const series = { name: escapeHtml(s.name), data };
      if (s.type) {
        series.type = s.type;
      }
      return series;
    });
  }

  _requestFrame() {
    if (this._frameRequested) {
      return;
    }
    this._frameRequested = true;
    const gap = Math.max(MIN_REDRAW_MILLIS, REDRAW_BACKOFF * pageRedrawMillis());
    const wait = Math.max(0, gap - (performance.now() - (this._lastRedraw || 0)));
    // a hidden tab runs no animation frames: its charts take every update but draw once, when shown
    setTimeout(() => requestAnimationFrame(() => {
      this._frameRequested = false;
      this._lastRedraw = performance.now();
      const series = this._seriesDirty;
      this._seriesDirty = false;
      if (!this._chart) {
        return;
      }
      if (series) {
        const t0 = performance.now();
        const update = this._axesUpdate();
        if (update) {
          update.series = this._apexSeries();
          this._chart.updateOptions(update, false, false);
        } else {
          this._chart.updateSeries(this._apexSeries(), false); // its 'updated' event redraws the overlay and marks
        }
        this._showLogNote();
        const took = performance.now() - t0;
        lastRedrawMillis.set(this, took);
      } else {
        this._drawOverlay();
        this._drawMarks();
      }
    }), wait);
  }

  /**
   * The axes for the data drawn now, if they changed since the last redraw: a growing x axis follows the furthest point
   * (up to its configured top, the step budget), the log axis the decades of the data. Null when both are as drawn.
   */
  _axesUpdate() {
    let changed = false;
    const update = {};
    if (this._logarithmic) {
      // the decades shown follow the data: whole powers of ten at both ends, ticks on whole powers
      const yaxis = this._logYaxis();
      const range = yaxis.min + ':' + yaxis.max;
      if (range !== this._logRange) {
        this._logRange = range;
        changed = true;
      }
      update.yaxis = yaxis;
    }
    if (this._xaxis) {
      // the x axis always goes with an update: without it ApexCharts' updateOptions forgets its min and max
      const xaxis = this._grownXaxis();
      const range = xaxis.min + ':' + xaxis.max;
      if (range !== this._xRange) {
        this._xRange = range;
        changed = true;
      }
      update.xaxis = xaxis;
    }
    return changed ? update : null;
  }

  /**
   * The x axis for the points drawn: a growing axis (optlabGrow, the lab's step and epoch axes) runs from 0 to a round
   * number a little beyond the furthest point, with round ticks, and at most to its configured top, so that a run of
   * 100,000 steps at 100 steps/s is seen as a curve from its first seconds, not as a sliver at x = 0. With no points
   * yet it spans the whole budget.
   */
  _grownXaxis() {
    const base = this._xaxis;
    let far = 0;
    if (this._growX) {
      for (const s of this._series) {
        if (s.live) {
          for (const p of s.data) {
            if (p && p[0] > far) {
              far = p[0];
            }
          }
        }
      }
    }
    if (!(far > 0) || !(base.max > 0)) {
      this._xTop = base.max;
      return base;
    }
    // a step axis starts at a top of 8 or more: one tick a step, never 0.2 of a step
    const [min, max, ticks] = upTo(Math.max(far * 1.05, this._growFrom || 0));
    if (max >= base.max) {
      this._xTop = base.max;
      return base;
    }
    this._xTop = max;
    return Object.assign({}, base, { min, max, tickAmount: ticks });
  }

  _render() {
    this._destroyChart();
    const o = this._options;
    const options = Object.assign({}, o);
    this._xaxis = null;
    // OptLab's own options (not ApexCharts'): equalAspect = one unit is as long on the y axis as on the x axis
    const equalAspect = !!(o.optlab && o.optlab.equalAspect);
    this._equalAspectOn = equalAspect;
    delete options.optlab;
    const height = equalAspect && this._chartHeight ? this._chartHeight : this.clientHeight || 320;
    options.chart = Object.assign({ height, background: 'transparent' }, o.chart || {}, {
      animations: { enabled: false },
      events: {
        click: (event, chartContext, config) => this._click(event, chartContext),
        mounted: () => {
          this._drawOverlay();
          if (equalAspect) {
            this._equalAspect();
          }
          this._drawMarks();
          this._showLogNote(); // after ApexCharts has drawn into the element (a redraw empties it)
        },
        updated: () => {
          this._drawOverlay();
          if (equalAspect) {
            this._equalAspect();
          }
          this._drawMarks();
          this._showLogNote();
        },
      },
    });
    options.theme = { mode: this._theme };
    // faint grid lines on both themes
    options.grid = Object.assign({}, o.grid || {}, { borderColor: GRID[this._theme] });
    // opaque lines (ApexCharts fills a line's stroke with fill.opacity, 0.85 by default): where paths overlap, the one
    // on top shows in its own colour (an orange path over a magenta one was drawn red, a colour no legend entry has)
    options.fill = Object.assign({ type: 'solid', opacity: 1 }, o.fill || {});
    const ink = (c) => (c === 'ink' ? INK[this._theme] : c);
    if (o.markers && Array.isArray(o.markers.strokeColors)) {
      options.markers = Object.assign({}, o.markers, { strokeColors: o.markers.strokeColors.map(ink) });
    }
    // hover: a step as an integer, a value to 6 significant digits
    const precise = (v) => (v === null || v === undefined || Number.isNaN(v) ? ''
      : Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : Number(Number(v).toPrecision(6)).toString());
    options.tooltip = Object.assign({ shared: false, y: { formatter: precise }, x: { formatter: precise } }, o.tooltip || {});
    const yaxis = Object.assign({}, o.yaxis || {});
    yaxis.labels = Object.assign({}, yaxis.labels || {}, { formatter: short });
    options.yaxis = yaxis;
    this._growX = false;
    if (options.xaxis && options.xaxis.type === 'numeric') {
      options.xaxis = Object.assign({}, options.xaxis);
      // OptLab's own: the axis grows with the data up to its max (see _grownXaxis)
      this._growX = !!options.xaxis.optlabGrow;
      this._growFrom = options.xaxis.optlabGrowFrom || 0;
      delete options.xaxis.optlabGrow;
      delete options.xaxis.optlabGrowFrom;
      this._xTop = options.xaxis.max;
      options.xaxis.labels = Object.assign({}, options.xaxis.labels || {}, { formatter: (v) => xTick(v, this._xTop) });
      this._xaxis = options.xaxis;
      options.xaxis = this._grownXaxis();
      this._xRange = options.xaxis.min + ':' + options.xaxis.max;
    }
    options.colors = this._series.map((s) => ink(s.color || '#888'));
    options.series = this._apexSeries();
    if (this._logarithmic) {
      options.yaxis = this._logYaxis();
      this._logRange = options.yaxis.min + ':' + options.yaxis.max;
      options.tooltip = Object.assign({}, options.tooltip, { y: { formatter: (v) => (v === null || v === undefined ? '' : fromLog(v)) } });
    }
    this._showLogNote();
    this._chart = new ApexCharts(this, options);
    this._chart.render();
  }

  /**
   * The y axis of the log scale: it carries log10 of the values, from a whole power of ten at or below the smallest
   * positive value to one at or above the largest, with a tick on every (or every k-th) whole power, labelled 10ᵏ.
   */
  _logYaxis() {
    let lo = Infinity;
    let hi = -Infinity;
    let start = Infinity;
    for (const s of this._series) {
      let first = true;
      for (const p of s.data) {
        if (p !== null && p[1] > 0) {
          const l = Math.log10(p[1]);
          if (l < lo) lo = l;
          if (l > hi) hi = l;
          if (first) {
            start = Math.min(start, l);
            first = false;
          }
        }
      }
    }
    if (lo === Infinity) {
      lo = -1;
      hi = 1;
    }
    // the floor: LOG_DECADES_BELOW_START decades below the smallest starting loss (lower losses run off the bottom)
    this._logFloor = null;
    if (Number.isFinite(start) && lo < Math.floor(start) - LOG_DECADES_BELOW_START) {
      lo = Math.floor(start) - LOG_DECADES_BELOW_START;
      this._logFloor = lo;
      hi = Math.max(hi, lo + 1);
    }
    let min = Math.floor(lo);
    let max = Math.ceil(hi);
    if (max - min < 1) {
      max = min + 1;
    }
    const step = Math.max(1, Math.ceil((max - min) / 8));
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;
    if (this._logFloor !== null) {
      // what runs off the bottom is what is below the axis as drawn (its bottom rounded to a tick)
      this._logFloor = min;
      this._logBelowStart = Math.floor(start) - min;
    }
    const base = Object.assign({}, this._options.yaxis || {});
    return Object.assign(base, {
      logarithmic: false,
      min,
      max,
      tickAmount: (max - min) / step,
      forceNiceScale: false,
      decimalsInFloat: 0,
      labels: Object.assign({}, base.labels || {}, { formatter: powerOfTen }),
    });
  }

  /** Says, under the plot, how many values the log scale cannot draw (zero or negative), instead of dropping them silently. */
  _showLogNote() {
    let note = this.querySelector('div.optlab-log-note');
    let hidden = 0;
    let below = 0;
    const floor = this._logarithmic && this._logFloor !== null && this._logFloor !== undefined ? Math.pow(10, this._logFloor) : 0;
    if (this._logarithmic) {
      for (const s of this._series) {
        for (const p of s.data) {
          if (p !== null && !(p[1] > 0)) {
            hidden++;
          } else if (p !== null && p[1] < floor) {
            below++;
          }
        }
      }
    }
    if (hidden === 0 && below === 0) {
      if (note) {
        note.remove();
      }
      return;
    }
    if (!note) {
      note = document.createElement('div');
      note.className = 'optlab-log-note';
      note.style.cssText = 'position:absolute;right:8px;top:4px;font-size:12px;pointer-events:none';
      this.appendChild(note);
    }
    const words = [];
    if (hidden > 0) {
      words.push(hidden + (hidden === 1 ? ' value ≤ 0 is' : ' values ≤ 0 are') + ' not drawn on the log scale');
    }
    if (below > 0) {
      // under the plot's title, left: the toolbar is on the right
      words.push('losses below ' + powerOfTen(this._logFloor) + ' (' + this._logBelowStart
        + ' decades under the start) run off the bottom');
      note.style.right = '';
      note.style.left = '8px';
      note.style.top = '22px';
    }
    note.style.color = this._theme === 'dark' ? '#ff8a80' : '#c62828'; // a red that reads on either background
    note.textContent = words.join('; ');
  }

  setOverlayLayer(json) {
    const u = JSON.parse(json);
    if (this._overlay && this._overlay.layers && this._overlay.layers[u.index]) {
      this._overlay.layers[u.index].points = u.points;
      this._overlay.layers[u.index].dirty = true;
      this._requestFrame(); // drawn with the next frame, together with the other layers' updates
    }
  }

  /**
   * An SVG overlay on the plot area in data coordinates (a viewBox over the axes' range): contour lines as one path of
   * segments, and layers of cells (decision regions) or dots (data points), one path each. A contour plot or a decision
   * map then costs a handful of elements instead of thousands of chart points.
   */
  _drawOverlay() {
    let svg = this.querySelector('svg.optlab-overlay');
    if (!this._overlay) {
      if (svg) {
        svg.remove();
      }
      return;
    }
    const grid = this.querySelector('.apexcharts-grid');
    if (!grid) {
      return;
    }
    const ns = 'http://www.w3.org/2000/svg';
    const o = this._overlay;
    if (!svg || svg.dataset.owner !== String(o.id)) {
      if (svg) {
        svg.remove();
      }
      svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('class', 'optlab-overlay');
      svg.dataset.owner = String(o.id);
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.style.position = 'absolute';
      svg.style.pointerEvents = 'none';
      const layers = o.layers || [];
      for (const layer of layers) {
        const path = document.createElementNS(ns, 'path');
        path.setAttribute('class', 'layer');
        path.setAttribute('fill', layer.color);
        path.setAttribute('fill-opacity', String(layer.opacity));
        path.setAttribute('stroke', 'none');
        svg.appendChild(path);
        layer.dirty = true;
      }
      const lines = document.createElementNS(ns, 'path');
      lines.setAttribute('class', 'contours');
      lines.setAttribute('fill', 'none');
      lines.setAttribute('stroke-width', '1');
      lines.setAttribute('vector-effect', 'non-scaling-stroke');
      let d = '';
      const s = o.segments || [];
      for (let i = 0; i + 3 < s.length; i += 4) {
        d += 'M' + s[i] + ' ' + -s[i + 1] + 'L' + s[i + 2] + ' ' + -s[i + 3];
      }
      lines.setAttribute('d', d);
      svg.appendChild(lines);
      if (o.below) {
        // under the chart's own SVG (whose background is transparent): its points and labels stay visible on cells
        this.insertBefore(svg, this.firstChild);
      } else {
        this.appendChild(svg);
      }
    }
    svg.querySelector('path.contours').setAttribute('stroke', CONTOURS[this._theme]);
    const box = grid.getBoundingClientRect();
    const host = this.getBoundingClientRect();
    svg.style.left = box.left - host.left + 'px';
    svg.style.top = box.top - host.top + 'px';
    svg.style.width = box.width + 'px';
    svg.style.height = box.height + 'px';
    // y grows downwards in SVG: flip it with the viewBox origin at (xMin, -yMax)
    const w = o.xMax - o.xMin;
    const h = o.yMax - o.yMin;
    svg.setAttribute('viewBox', o.xMin + ' ' + -o.yMax + ' ' + w + ' ' + h);
    this._drawHeads(svg, ns, w / box.width, h / box.height);
    this._drawArrows(svg, ns, w / box.width, h / box.height);
    const paths = svg.querySelectorAll('path.layer');
    (o.layers || []).forEach((layer, k) => {
      if (!layer.dirty) {
        return;
      }
      let d = '';
      const p = layer.points || [];
      if (layer.cell) {
        const cw = layer.cell[0];
        const ch = layer.cell[1];
        for (let i = 0; i + 1 < p.length; i += 2) {
          d += 'M' + (p[i] - cw / 2) + ' ' + -(p[i + 1] + ch / 2) + 'h' + cw + 'v' + ch + 'h' + -cw + 'z';
        }
      } else {
        const rx = 0.007 * w;
        const ry = 0.007 * h;
        for (let i = 0; i + 1 < p.length; i += 2) {
          d += 'M' + (p[i] - rx) + ' ' + -p[i + 1] + 'a' + rx + ' ' + ry + ' 0 1 0 ' + 2 * rx + ' 0a' + rx + ' ' + ry
            + ' 0 1 0 ' + -2 * rx + ' 0';
        }
      }
      paths[k].setAttribute('d', d);
      layer.dirty = false;
    });
  }

  /**
   * Equal units on both axes (a plot of the plane: contours meet gradients at right angles as they should): the chart's
   * height is set so that the plot area's height is its width times (y range / x range), within 200 to 900 px.
   */
  _equalAspect() {
    const g = this._chart && this._chart.w && this._chart.w.globals;
    if (!g || !(g.gridWidth > 0) || !(g.gridHeight > 0)) {
      return;
    }
    // what is not plot area, across and down (axis labels, title, legend): the same after a change of height or width
    this._chromeX = this.clientWidth - g.gridWidth;
    this._chromeY = (this._chartHeight || this.clientHeight || 320) - g.gridHeight;
    this._observedWidth = this.clientWidth;
    this._setAspectHeight(g.gridWidth);
  }

  /** Sets the height that gives a plot area gridWidth wide the axes' ratio (within 200 to 900 px); at most 4 tries. */
  _setAspectHeight(gridWidth) {
    const xa = this._options.xaxis || {};
    const ya = this._options.yaxis || {};
    if (!(xa.max > xa.min) || !(ya.max > ya.min) || this._chromeY === undefined || (this._aspectTries || 0) >= 4) {
      return;
    }
    const want = gridWidth * (ya.max - ya.min) / (xa.max - xa.min);
    const now = this._chartHeight || this.clientHeight || 320;
    const height = Math.round(Math.min(900, Math.max(200, want + this._chromeY)));
    if (Math.abs(height - now) >= 1) {
      this._aspectTries = (this._aspectTries || 0) + 1;
      // the chart is drawn this tall (the element's own box may come out a little taller in the page's layout)
      this._chartHeight = height;
      this.style.height = height + 'px';
      // not from inside ApexCharts' own event: redraw once this one has finished
      if (!this._aspectPending) {
        this._aspectPending = true;
        setTimeout(() => {
          this._aspectPending = false;
          this._render();
        }, 0);
      }
    }
  }

  /**
   * Where each optimizer is: a ball in its colour (white rim) at the last point of every live path. The dots are
   * zero-length strokes with round caps and a non-scaling width, so they stay round whatever the axes' scales. Balls
   * that meet (two runs ending at one minimum) are drawn as rings around each other, the earlier run's outside, so
   * that every one shows (px, py: data units per pixel across and up).
   */
  _drawHeads(svg, ns, px, py) {
    let g = svg.querySelector('g.heads');
    if (!g) {
      g = document.createElementNS(ns, 'g');
      g.setAttribute('class', 'heads');
      svg.appendChild(g);
    }
    g.textContent = '';
    const heads = [];
    this._series.forEach((s, index) => {
      // a path that has not left θ₀ (before Start) has no ball: θ₀'s square shows where it is, not five nested rings
      if (!s.live || s.data.length < 2) {
        return;
      }
      const p = s.data[s.data.length - 1];
      if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return;
      }
      heads.push({ s, index, p, level: 0 });
    });
    // a ball's level: how many later balls lie within 10 px of it (each one ring further out)
    heads.forEach((a, i) => {
      for (let j = i + 1; j < heads.length; j++) {
        const b = heads[j];
        if (Math.hypot((a.p[0] - b.p[0]) / px, (a.p[1] - b.p[1]) / py) < 10) {
          a.level++;
        }
      }
    });
    heads.slice().sort((a, b) => b.level - a.level).forEach(({ s, index, p, level }) => {
      const width = 9 + 10 * level;
      for (const [w, color] of [[width + 4, '#ffffff'], [width, s.color || '#888']]) {
        const dot = document.createElementNS(ns, 'path');
        dot.setAttribute('class', 'head');
        dot.setAttribute('data-series', String(index));
        dot.setAttribute('d', 'M' + p[0] + ' ' + -p[1] + 'l0 0');
        dot.setAttribute('stroke', color);
        dot.setAttribute('stroke-width', String(w));
        dot.setAttribute('stroke-linecap', 'round');
        dot.setAttribute('vector-effect', 'non-scaling-stroke');
        g.appendChild(dot);
      }
    });
  }

  setArrows(json) {
    this._arrows = JSON.parse(json);
    this._drawOverlay();
  }

  /**
   * The step-mode arrows: a line from (x1, y1) to (x2, y2) with a head of 9 pixels, in data coordinates (px, py: data
   * units per pixel across and up), and its label beside the tip. Labels are user-independent symbols (−εg, αv, Δθ).
   */
  _drawArrows(svg, ns, px, py) {
    let g = svg.querySelector('g.arrows');
    if (!g) {
      g = document.createElementNS(ns, 'g');
      g.setAttribute('class', 'arrows');
      svg.appendChild(g);
    }
    g.textContent = '';
    const labelled = []; // the screen boxes of the labels drawn so far: a label never prints over another
    for (const a of this._arrows || []) {
      const dx = (a.x2 - a.x1) / px;
      const dy = (a.y2 - a.y1) / py;
      const len = Math.hypot(dx, dy);
      if (!(len > 0.5) || ![a.x1, a.y1, a.x2, a.y2].every(Number.isFinite)) {
        continue;
      }
      const ux = dx / len;
      const uy = dy / len;
      const head = Math.min(9, len / 2);
      let d = 'M' + a.x1 + ' ' + -a.y1 + 'L' + a.x2 + ' ' + -a.y2;
      for (const side of [1, -1]) {
        // a side of the head: back along the arrow, turned by 25 degrees, in pixels, then into data units
        const c = Math.cos(0.44);
        const sn = side * Math.sin(0.44);
        const hx = -(ux * c - uy * sn) * head;
        const hy = -(ux * sn + uy * c) * head;
        d += 'M' + a.x2 + ' ' + -a.y2 + 'l' + hx * px + ' ' + -hy * py;
      }
      const path = document.createElementNS(ns, 'path');
      path.setAttribute('class', 'arrow');
      path.setAttribute('data-label', a.label || '');
      path.setAttribute('d', d);
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', a.color || '#000');
      path.setAttribute('stroke-width', '2');
      path.setAttribute('stroke-linecap', 'round');
      if (a.dashed) {
        path.setAttribute('stroke-dasharray', '4 3');
      }
      path.setAttribute('vector-effect', 'non-scaling-stroke');
      g.appendChild(path);
      if (a.label) {
        // the step's label beyond its tip; a part's (dashed) label beside its middle, 6 px off the line, so that the
        // labels of arrows that end at the same point do not overlap
        const t = document.createElementNS(ns, 'text');
        t.setAttribute('class', 'arrow-label');
        const lx = a.dashed ? (a.x1 + a.x2) / 2 - uy * 6 * px : a.x2 + ux * 4 * px;
        const ly = a.dashed ? -(a.y1 + a.y2) / 2 - ux * 6 * py : -a.y2 - uy * 4 * py;
        t.setAttribute('x', String(lx));
        t.setAttribute('y', String(ly));
        t.setAttribute('font-size', String(11 * py));
        t.setAttribute('fill', a.color || '#000');
        t.textContent = a.label;
        g.appendChild(t);
        // arrows of several optimizers near one point (a few steps from θ₀): a label that would print over another
        // moves down a line at a time, up to three lines, and is left out beyond that (the arrow's colour still says
        // whose it is)
        const overlaps = (b) => labelled.some((q) => Math.min(b.right, q.right) - Math.max(b.left, q.left) > 1
          && Math.min(b.bottom, q.bottom) - Math.max(b.top, q.top) > 1);
        let box = t.getBoundingClientRect();
        for (let k = 1; k <= 3 && overlaps(box); k++) {
          t.setAttribute('y', String(ly + k * 13 * py));
          box = t.getBoundingClientRect();
        }
        if (overlaps(box)) {
          t.remove();
        } else {
          labelled.push(box);
        }
      }
    }
  }

  /** Turns a click on the plot area into data coordinates and reports it as a 'plot-click' event. */
  _click(event, chartContext) {
    const w = chartContext && chartContext.w;
    if (!w || !event) {
      return;
    }
    const grid = this.querySelector('.apexcharts-grid') || this.querySelector('.apexcharts-inner');
    if (!grid) {
      return;
    }
    const rect = grid.getBoundingClientRect();
    const fx = (event.clientX - rect.left) / rect.width;
    const fy = (event.clientY - rect.top) / rect.height;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) {
      return;
    }
    const x = w.globals.minX + fx * (w.globals.maxX - w.globals.minX);
    const y = w.globals.maxY - fy * (w.globals.maxY - w.globals.minY);
    this.dispatchEvent(new CustomEvent('plot-click', { detail: { x, y } }));
  }
}

customElements.define('optlab-chart', OptlabChart);
