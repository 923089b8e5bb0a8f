import { injectGlobalWebcomponentCss } from 'Frontend/generated/jar-resources/theme-util.js';

import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/login/src/vaadin-login-form.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/button/src/vaadin-button.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/grid/src/vaadin-grid.js';
import '@vaadin/grid/src/vaadin-grid-column.js';
import '@vaadin/grid/src/vaadin-grid-sorter.js';
import '@vaadin/checkbox/src/vaadin-checkbox.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import 'Frontend/generated/jar-resources/flow-component-directive.js';
import 'Frontend/generated/jar-resources/vaadin-grid/gridConnector.ts';
import 'Frontend/generated/jar-resources/vaadin-grid/vaadin-grid-flow-selection-column.ts';
import '@vaadin/grid/src/vaadin-grid-column-group.js';
import 'Frontend/generated/jar-resources/lit-renderer.ts';
import '@vaadin/context-menu/src/vaadin-context-menu.js';
import 'Frontend/generated/jar-resources/vaadin-context-menu/contextMenuConnector.ts';
import 'Frontend/generated/jar-resources/vaadin-context-menu/contextMenuTargetConnector.ts';
import '@vaadin/progress-bar/src/vaadin-progress-bar.js';
import '@vaadin/dialog/src/vaadin-dialog.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === 'bee8ee4bb69d1ec715763dcd88b055609c99342365943b3dd0b47bb1bad70b07') {
    pending.push(import('./chunks/chunk-b6689118629b0191588c41807d6e96903920a52dd45d425d6a682f48dcdb0736.js'));
  }
  if (key === 'bb100eb778b9e39db1d2f4f570f74efbd0532b789f00157801a84032dede47bb') {
    pending.push(import('./chunks/chunk-865b11d8001625bd3b4ecff286619b0c587c709817638a72ce004d77c2e2c7d4.js'));
  }
  if (key === 'cef6c57a8e507955d6553f1c85613559b8d95efb98d62e1ea876f409fda517bd') {
    pending.push(import('./chunks/chunk-d2309574ecce0ddc6b86bef9ef03c6aa3473f086ea7f5c3ada28b4797894036e.js'));
  }
  if (key === '186b370769cb710a550a4bfeaca969b890b0ad41e1f85e7edadd44af38ca9ac3') {
    pending.push(import('./chunks/chunk-c664a00923101e775ad5673721f79134b3d6832796b87ba27f2d901b6d756f44.js'));
  }
  if (key === 'de32854100d711e76ec7ea750805b6e2b7ff883574ef9fc7b5ac1557ec71be0e') {
    pending.push(import('./chunks/chunk-3cfcd8326b6fd679a75cfc4204363f08b53f1324238902180a6cde161e8163c9.js'));
  }
  if (key === '8e90db6a1c0e246eb01a9c879eff02d508f3c3051c1659e3adde782b5b19493c') {
    pending.push(import('./chunks/chunk-c664a00923101e775ad5673721f79134b3d6832796b87ba27f2d901b6d756f44.js'));
  }
  return Promise.all(pending);
}
window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}