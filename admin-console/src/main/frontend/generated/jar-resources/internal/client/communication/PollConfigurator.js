/*
 * Copyright 2000-2026 Vaadin Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not
 * use this file except in compliance with the License. You may obtain a copy of
 * the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
 * WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
 * License for the specific language governing permissions and limitations under
 * the License.
 */
import { NodeFeatures } from '../../flow/internal/nodefeature/NodeFeatures';
// com.vaadin.flow.internal.nodefeature.PollConfigurationMap.POLL_INTERVAL_KEY
const POLL_INTERVAL_KEY = 'pollInterval';
/**
 * Observes the poll configuration stored in the given node and configures polling
 * accordingly.
 *
 * @param node - the node containing the poll configuration
 * @param poller - the poller to configure
 */
export function observe(node, poller) {
    const pollIntervalProperty = node.getMap(NodeFeatures.POLL_CONFIGURATION).getProperty(POLL_INTERVAL_KEY);
    pollIntervalProperty.addChangeListener((event) => {
        poller.setInterval(Math.trunc(Number(event.getNewValue())));
    });
}
//# sourceMappingURL=PollConfigurator.js.map