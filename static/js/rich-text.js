// Turns every textarea marked data-rich-text into a Jodit editor offering only the markup the
// journal publishes (see alliance/html.py). Without JavaScript the textarea stays, and the server
// sanitises whatever is typed into it either way.
(function () {
  "use strict";

  // Plugins that offer styles, classes or sizes the sanitiser would drop, embed third-party
  // frames, or fetch scripts from a CDN ("source" loads js-beautify from cdnjs on start).
  const DISABLED_PLUGINS = [
    "about", "ai-assistant", "class-span", "color", "copyformat", "file", "font", "iframe",
    "justify", "line-height", "media", "powered-by-jodit", "preview", "print", "resize-cells",
    "resizer", "source", "symbols", "video",
  ];

  function named(...names) {
    return function (item) {
      return names.includes(typeof item === "string" ? item : item.name);
    };
  }

  // Jodit merges nested arrays with its defaults item by item; an atom replaces them instead.
  function popupItems(type, ...names) {
    return Jodit.atom(Jodit.defaultOptions.popup[type].filter(named(...names)));
  }

  function options(language) {
    return {
      // Jodit ships simplified Chinese as "zh_cn", with a few image labels left in English.
      language: language.toLowerCase().startsWith("zh") ? "zh_cn" : "en",
      i18n: { zh_cn: { Src: "图片地址", Alternative: "替代文字", "Alternative text": "替代文字" } },
      width: "100%",
      minHeight: 360,
      toolbarAdaptive: false,
      buttons: [
        {
          name: "paragraph",
          list: {
            p: "Normal",
            h2: "Heading 2",
            h3: "Heading 3",
            h4: "Heading 4",
            blockquote: "Quote",
          },
        },
        "|", "bold", "italic",
        // Without their lists these buttons do not offer list styles, which would be dropped.
        "|", { name: "ul", list: null }, { name: "ol", list: null },
        "|", "link", "image", "table",
      ],
      disablePlugins: DISABLED_PLUGINS,
      showCharsCounter: false,
      showWordsCounter: false,
      showXPathInStatusbar: false,
      askBeforePasteHTML: false,
      askBeforePasteFromWord: false,
      defaultActionOnPaste: "insert_clear_html",
      // For Word, "insert_as_text" is Jodit's "Clean" choice: its Word cleaner, not plain text.
      defaultActionOnPasteFromWord: "insert_as_text",
      // Nothing the sanitiser would drop: no sizes, classes, targets or styles, and no video
      // links turned into frames.
      imageDefaultWidth: null,
      link: {
        processVideoLink: false,
        noFollowCheckbox: false,
        openInNewTabCheckbox: false,
        modeClassName: null,
      },
      image: {
        useImageEditor: false,
        editTitle: false,
        editLink: false,
        editSize: false,
        editBorderRadius: false,
        editMargins: false,
        editClass: false,
        editStyle: false,
        editId: false,
        editAlign: false,
      },
      popup: {
        a: popupItems("a", "eye", "link", "unlink"),
        img: popupItems("img", "delete", "pencil"),
        cells: popupItems("cells", "addcolumn", "addrow", "merge", "splitv", "deleteTable"),
      },
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
      Jodit.make(textarea, options(textarea.dataset.language));
    });
  });
})();
