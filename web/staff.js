// The staff page's charts (Chart.js, served from node_modules at /staff/chart.js): drawn from the page's own
// JSON, in which every count below 5 is already 0 and labelled "fewer than 5". The tables hold the same numbers.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var colours = ['#2b6cb0', '#b7791f', '#c05621', '#9b2c2c'];
  if (!window.Chart) return;
  data.tables.forEach(function (t) {
    var canvas = document.getElementById(t.id + '-chart');
    if (!canvas || t.labels.length === 0) { if (canvas) canvas.parentNode.hidden = true; return; }
    var horizontal = !t.stacked;
    if (horizontal) canvas.parentNode.style.height = Math.max(160, 32 * t.labels.length + 60) + 'px';
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: t.labels,
        datasets: t.columns.map(function (name, i) {
          return { label: name, data: t.values.map(function (v) { return v[i]; }), backgroundColor: colours[i % colours.length] };
        }),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: t.stacked, beginAtZero: true }, y: { stacked: t.stacked, beginAtZero: true } },
        plugins: {
          legend: { display: t.columns.length > 1 },
          tooltip: {
            callbacks: {
              label: function (ctx) { return ctx.dataset.label + ': ' + t.shown[ctx.dataIndex][ctx.datasetIndex]; },
            },
          },
        },
      },
    });
  });
})();
