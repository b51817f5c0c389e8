'use strict';
// The second class named Widget (see lib/widget_a.js), with a different field layout.
class Widget {
  constructor(i) {
    this.kind = 'b';
    this.index = i;
    this.children = [];
    this.parent = null;
  }
}
module.exports = {Widget};
