// custvalue workbench: the little script the pages use (no inline script: CSP).
// - Buttons with data-confirm ask before their form is sent.
// - Charts: every element .plot[data-figure] is drawn by Plotly from the JSON block its
//   data-figure names; its mode bar and the "Save PNG" button under it save it as PNG.
// - A job that is still running ([data-job-poll]) is asked for once a second; its bar
//   moves, and the page reloads when the job has ended (the server renders the outcome).
"use strict";
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var text = button && button.getAttribute("data-confirm");
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});

(function () {
  var zh = document.documentElement.lang === "zh-CN";

  function registerChinese(Plotly) {
    // the mode bar in Chinese (plotly.js ships its locales separately; these are the
    // texts the workbench's charts show)
    Plotly.register({
      moduleType: "locale",
      name: "zh-CN",
      dictionary: {
        "Download plot as a png": "下载为 PNG 图片",
        "Download plot": "下载图表",
        "Zoom": "缩放",
        "Pan": "平移",
        "Box Select": "框选",
        "Lasso Select": "套索选择",
        "Zoom in": "放大",
        "Zoom out": "缩小",
        "Autoscale": "自动缩放",
        "Reset axes": "重置坐标轴",
        "Reset view": "重置视图",
        "Toggle Spike Lines": "显示/隐藏辅助线",
        "Show closest data on hover": "悬停显示最近的数据",
        "Compare data on hover": "悬停比较数据",
        "Double-click to zoom back out": "双击恢复缩放",
        "Click to enter Colorscale title": "点击输入色阶标题",
        "Click to enter Plot title": "点击输入图表标题",
        "Click to enter X axis title": "点击输入 X 轴标题",
        "Click to enter Y axis title": "点击输入 Y 轴标题",
        "Produced with Plotly.js": "由 Plotly.js 生成",
        "trace": "序列"
      },
      format: { decimal: ".", thousands: "," }
    });
  }

  function draw(Plotly, element) {
    var source = document.getElementById(element.getAttribute("data-figure"));
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var layout = figure.layout || {};
    layout.autosize = true;
    var config = {
      responsive: true,
      displaylogo: false,
      locale: zh ? "zh-CN" : "en",
      modeBarButtonsToRemove: ["sendDataToCloud", "select2d", "lasso2d"],
      toImageButtonOptions: {
        format: "png",
        filename: element.getAttribute("data-filename") || "chart",
        scale: 2
      }
    };
    Plotly.newPlot(element, figure.data || [], layout, config);
  }

  function savePng(Plotly, button) {
    var element = document.getElementById(button.getAttribute("data-save-png"));
    if (!element) {
      return;
    }
    Plotly.downloadImage(element, {
      format: "png",
      filename: element.getAttribute("data-filename") || "chart",
      scale: 2
    });
  }

  function start() {
    var Plotly = window.Plotly;
    var plots = document.querySelectorAll(".plot[data-figure]");
    if (!Plotly || plots.length === 0) {
      return;
    }
    if (zh) {
      registerChinese(Plotly);
    }
    plots.forEach(function (element) { draw(Plotly, element); });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-save-png]");
      if (button) {
        savePng(Plotly, button);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

(function () {
  var box = document.querySelector("[data-job-poll]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-job-poll");
  var bar = document.getElementById("job-progress");
  var text = document.getElementById("job-progress-text");
  var state = document.getElementById("job-state");

  function later(delay) {
    window.setTimeout(tick, delay);
  }

  function show(job) {
    if (bar) {
      bar.value = job.progress;
    }
    if (text) {
      text.textContent = (job.progress * 100).toFixed(1) + "%";
    }
    if (state) {
      state.textContent = job.state_label;
      state.className = "state " + job.state;
    }
  }

  function tick() {
    fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          later(3000);
          return;
        }
        show(job);
        if (job.finished) {
          window.location.reload();
        } else {
          later(1000);
        }
      })
      .catch(function () {
        later(3000);
      });
  }

  later(1000);
})();
