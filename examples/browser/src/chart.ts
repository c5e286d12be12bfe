/** A minimal line chart of the loss on a canvas: raw values faint, a moving average bold. */
export function drawLossChart(canvas: HTMLCanvasElement, losses: readonly number[]): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width: w, height: h } = canvas;
  const pad = 32;
  g.clearRect(0, 0, w, h);
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#555';
  g.strokeStyle = '#ddd';
  g.strokeRect(pad, 8, w - pad - 8, h - pad - 8);
  if (losses.length === 0) return;
  const max = Math.max(...losses);
  const min = Math.min(0, ...losses);
  const x = (i: number) => pad + ((w - pad - 8) * i) / Math.max(1, losses.length - 1);
  const y = (v: number) => 8 + (h - pad - 8) * (1 - (v - min) / (max - min || 1));
  g.fillText(max.toFixed(2), 2, 16);
  g.fillText(min.toFixed(2), 2, h - pad);
  g.fillText(`step ${losses.length}`, w - 70, h - 10);
  const line = (values: readonly number[], color: string, width: number) => {
    g.strokeStyle = color;
    g.lineWidth = width;
    g.beginPath();
    values.forEach((v, i) => (i === 0 ? g.moveTo(x(i), y(v)) : g.lineTo(x(i), y(v))));
    g.stroke();
  };
  line(losses, '#9ecae1', 1);
  const k = 20;
  line(losses.map((_, i) => {
    const from = Math.max(0, i - k + 1);
    let s = 0;
    for (let j = from; j <= i; j++) s += losses[j];
    return s / (i - from + 1);
  }), '#08519c', 2);
}
