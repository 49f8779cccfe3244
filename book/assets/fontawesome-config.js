// Loaded before the theme's Font Awesome script (priority in _config.yml).
// Font Awesome would otherwise *replace* <i class="fa fa-play"> with an <svg>,
// and ipywidgets' Play widget, which looks its <i> up again on click, throws.
// "nest" puts the <svg> inside the <i> instead.
window.FontAwesomeConfig = { autoReplaceSvg: "nest" };
