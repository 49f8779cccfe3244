// Tell require.js where the locally vendored widget modules are (book/vendor.py copies
// them into _static/thirdparty/),
// so that embed-amd.js and anywidget load from this site and never from a CDN.
// Paths are computed from this script's own URL, so they work at every page depth.
//
// The html-manager's modules compute webpack's public path (where their font files
// are) from their own module URL, so every html-manager module id must resolve into
// dist/, where the fonts are: hence the explicit ".../dist/index" for the bare id.
(function () {
  var vendor = new URL("thirdparty/", document.currentScript.src).href;
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": vendor + "html-manager/dist",
      "@jupyter-widgets/html-manager": vendor + "html-manager/dist/index",
      anywidget: vendor + "anywidget/index",
    },
  });
})();
