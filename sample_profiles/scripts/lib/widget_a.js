'use strict';
// One of two classes named Widget (the other is lib/widget_b.js): DevTools keys Summary rows of
// objects by constructor location, so it shows two "Widget" rows.
class Widget {
  constructor(i) {
    this.kind = 'a';
    this.index = i;
    this.label = `widget-a-${i}`;
  }
}
module.exports = {Widget};
