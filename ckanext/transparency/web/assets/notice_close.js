/* CKAN's notify.js labels a notice's close button as soon as it loads, before the page's
   translations arrive, so screen readers heard "Close" in every language. Modules start once
   the translations are loaded: label the buttons again then. */
this.ckan.module("transparency-notice-close", function () {
  return {
    initialize: function () {
      this.el.find(".btn-close").attr("aria-label", this._("Close"));
    }
  };
});
