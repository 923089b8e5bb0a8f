package io.blog.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Kubernetes manifests (containers/k8s) as kubectl renders them. No cluster runs here, so this
 * is all CI knows of them: each overlay is rendered with {@code kubectl kustomize} (kubectl is
 * required; without it the test fails, it never skips) and the rendered objects are checked.
 * <p>
 * The rules, for every pod of every workload:
 * <ul>
 * <li>Long-running containers (Deployments, StatefulSets, and sidecars: init containers with
 * {@code restartPolicy: Always}) have startup, liveness and readiness probes; a service's are
 * MicroProfile Health's {@code /health/started}, {@code /health/live}, {@code /health/ready}.
 * Containers that run to completion (Jobs, CronJobs, plain init containers, a Job's sidecar) have
 * no liveness or readiness probe: their exit status is what Kubernetes watches (a Job's sidecar may
 * have a startup probe, which orders the pod's start).</li>
 * <li>Every container, those included, has CPU and memory requests and limits and the restricted
 * security context: non-root, no privilege escalation, no capabilities, a read-only root file
 * system (no exception: every container, the data tier's too, writes only to its volumes), a
 * seccomp profile; no host namespaces or host paths.</li>
 * <li>No Secret is rendered and no secret is written into a manifest: secrets are referenced, and
 * every Secret referenced is one the README tells the user to create.</li>
 * <li>Network policies: the services take connections from the gateway (and the console and
 * Prometheus) only, the data tier from the services (and the console, ops, its own nodes, and
 * Prometheus on exporter ports) only.</li>
 * <li>Production has an autoscaler and a disruption budget per service and for the gateway.</li>
 * </ul>
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private static final String COMPONENT = "app.kubernetes.io/component";
    private static final Set<String> DATA_TIER = Set.of("database", "redis", "search");
    /** The data tier's own ports: Prometheus may reach a data-tier pod, but on an exporter's port only. */
    private static final Set<Integer> DATA_PORTS = Set.of(3306, 6379, 16379, 9200, 9300);
    private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    /**
     * Settings that exist only on Kubernetes: a Redis URL carries its password, so pods compose it
     * from these and the Secret. Every other key of the settings ConfigMap is a name the host
     * topology uses.
     */
    private static final Set<String> KUBERNETES_ONLY_SETTINGS = Set.of("BLOG_REDIS_SCHEME", "BLOG_REDIS_NODES", "BLOG_REDIS_SECURITY_NODES");
    /** A switch of the mariadb image, not a password. */
    private static final Set<String> NOT_SECRETS = Set.of("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|secret|token)|rediscli_auth");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.]*)\\)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void longRunningContainersHaveStartupLivenessAndReadinessProbes(String overlay) {
        List<Pod> pods = pods(overlay);
        assertThat(pods.stream().filter(Pod::longRunning).map(Pod::name))
                .contains("user-war", "post-war", "comment-war", "gateway", "admin-console", "mariadb-primary", "mariadb-replica",
                        "redis", "redis-security", "elasticsearch", "binlog-archiver");
        for (Pod pod : pods) {
            for (Container container : pod.containers()) {
                if (!container.runsToCompletion()) {
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(orEmpty(container.spec().get(probe)).keySet()).as("%s of %s in %s", probe, container.name(), pod)
                                .containsAnyOf("httpGet", "exec", "tcpSocket", "grpc");
                    }
                } else {
                    assertThat(container.spec()).as("container %s of %s runs to completion", container.name(), pod)
                            .doesNotContainKeys("livenessProbe", "readinessProbe");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesAreProbedOnTheirMicroProfileHealthEndpoints(String overlay) {
        List<Pod> services = pods(overlay).stream().filter(p -> "service".equals(p.labels().get(COMPONENT))).toList();
        assertThat(services).extracting(Pod::name).containsExactlyInAnyOrder("user-war", "post-war", "comment-war");
        for (Pod service : services) {
            Map<String, Object> app = service.containers().stream().filter(c -> c.name().equals(service.name())).findFirst()
                    .orElseThrow().spec();
            assertThat(path(app, "startupProbe")).as("%s startup", service).isEqualTo("/health/started");
            assertThat(path(app, "livenessProbe")).as("%s liveness", service).isEqualTo("/health/live");
            assertThat(path(app, "readinessProbe")).as("%s readiness", service).isEqualTo("/health/ready");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        for (Pod pod : pods(overlay)) {
            for (Container container : pod.containers()) {
                Map<String, Object> resources = map(container.spec().get("resources"));
                assertThat(resources).as("resources of %s in %s", container.name(), pod).isNotNull();
                assertThat(map(resources.get("requests"))).as("requests of %s in %s", container.name(), pod)
                        .containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as("limits of %s in %s", container.name(), pod)
                        .containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerRunsAsNonRootWithoutPrivilegesOnAReadOnlyRoot(String overlay) {
        for (Pod pod : pods(overlay)) {
            Map<String, Object> podContext = orEmpty(pod.spec().get("securityContext"));
            assertThat(pod.spec()).as("host namespaces of %s", pod).doesNotContainEntry("hostNetwork", true)
                    .doesNotContainEntry("hostPID", true).doesNotContainEntry("hostIPC", true);
            assertThat(list(pod.spec().get("volumes"))).as("host paths of %s", pod)
                    .noneMatch(volume -> map(volume).containsKey("hostPath"));
            for (Container container : pod.containers()) {
                Map<String, Object> context = orEmpty(container.spec().get("securityContext"));
                String what = container.name() + " in " + pod;
                assertThat(context.getOrDefault("runAsNonRoot", podContext.get("runAsNonRoot"))).as("runAsNonRoot of %s", what)
                        .isEqualTo(true);
                assertThat(context.getOrDefault("runAsUser", podContext.getOrDefault("runAsUser", 1))).as("runAsUser of %s", what)
                        .isNotEqualTo(0);
                assertThat(context).as("security context of %s", what).containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true).doesNotContainEntry("privileged", true);
                Map<String, Object> capabilities = orEmpty(context.get("capabilities"));
                assertThat(strings(capabilities.get("drop"))).as("dropped capabilities of %s", what).contains("ALL");
                assertThat(capabilities).as("added capabilities of %s", what).doesNotContainKey("add");
                Object seccomp = map(context.getOrDefault("seccompProfile", podContext.get("seccompProfile")));
                assertThat(seccomp).as("seccomp profile of %s", what).isEqualTo(Map.of("type", "RuntimeDefault"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void noSecretIsRenderedOrWrittenIntoAManifest(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(objects).as("Secrets are created by hand, never rendered").noneMatch(o -> "Secret".equals(o.get("kind")));
        Set<String> secretNames = envFileSecretNames();
        for (Map<String, Object> configMap : kind(objects, "ConfigMap")) {
            assertThat(orEmpty(configMap.get("data")).keySet()).as("keys of ConfigMap %s", name(configMap))
                    .doesNotContainAnyElementsOf(secretNames)
                    .noneMatch(key -> SECRET_LIKE.matcher(key).matches() && !NOT_SECRETS.contains(key));
        }
        for (Pod pod : pods(overlay)) {
            for (Container container : pod.containers()) {
                for (Object e : list(container.spec().get("env"))) {
                    Map<String, Object> env = map(e);
                    String name = (String) env.get("name");
                    if ((secretNames.contains(name) || SECRET_LIKE.matcher(name).matches()) && !NOT_SECRETS.contains(name)) {
                        assertThat(map(orEmpty(env.get("valueFrom")).get("secretKeyRef")))
                                .as("%s of %s in %s comes from a Secret", name, container.name(), pod).isNotNull();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everySecretReferencedIsOneTheReadmeCreatesWithKeysOfTheEnvFile(String overlay) throws IOException {
        Set<String> referenced = new LinkedHashSet<>();
        Set<String> keysOfBlogSecrets = new LinkedHashSet<>();
        for (Pod pod : pods(overlay)) {
            for (Object v : list(pod.spec().get("volumes"))) {
                Map<String, Object> secret = map(map(v).get("secret"));
                if (secret != null) {
                    referenced.add((String) secret.get("secretName"));
                }
                assertThat(map(v)).as("projected volume of %s", pod).doesNotContainKey("projected");
            }
            for (Container container : pod.containers()) {
                for (Object e : list(container.spec().get("envFrom"))) {
                    Map<String, Object> secretRef = map(map(e).get("secretRef"));
                    if (secretRef != null) {
                        referenced.add((String) secretRef.get("name"));
                    }
                }
                for (Object e : list(container.spec().get("env"))) {
                    Map<String, Object> ref = map(orEmpty(map(e).get("valueFrom")).get("secretKeyRef"));
                    if (ref != null) {
                        referenced.add((String) ref.get("name"));
                        if ("blog-secrets".equals(ref.get("name"))) {
                            keysOfBlogSecrets.add((String) ref.get("key"));
                        }
                    }
                }
            }
        }
        assertThat(referenced).as("Secrets referenced").isEqualTo(readmeSecrets());
        assertThat(keysOfBlogSecrets).as("keys of blog-secrets: the secret section of .env.production.example")
                .isNotEmpty().isSubsetOf(envFileSecretNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void settingsUseTheHostTopologysNamesAndEveryReferenceResolves(String overlay) throws IOException {
        List<Map<String, Object>> objects = render(overlay);
        Map<String, Object> settings = configMap(objects, "blog-settings");
        String hostNames = String.join("\n", Stream.of(".env.production.example", "lib.sh", "start-production.sh", "gateway.sh", "console.sh")
                .map(f -> read(ROOT.resolve("scripts/deployment").resolve(f))).toList());
        for (String key : orEmpty(settings.get("data")).keySet()) {
            if (!KUBERNETES_ONLY_SETTINGS.contains(key)) {
                assertThat(hostNames).as("setting %s is a name of the host topology (scripts/deployment)", key)
                        .containsPattern("\\b" + Pattern.quote(key) + "\\b");
            }
        }
        Set<String> configMaps = names(kind(objects, "ConfigMap"));
        Set<String> claims = claimNames(objects);
        for (Pod pod : pods(overlay)) {
            for (Object v : list(pod.spec().get("volumes"))) {
                Map<String, Object> volume = map(v);
                if (volume.containsKey("configMap")) {
                    assertThat(configMaps).as("ConfigMap of volume %s in %s", volume.get("name"), pod)
                            .contains((String) map(volume.get("configMap")).get("name"));
                }
                if (volume.containsKey("persistentVolumeClaim")) {
                    assertThat(claims).as("claim of volume %s in %s", volume.get("name"), pod)
                            .contains((String) map(volume.get("persistentVolumeClaim")).get("claimName"));
                }
            }
            for (Container container : pod.containers()) {
                assertReferencesResolve(objects, pod, container);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesTakeConnectionsFromTheGatewayOnlyAndTheDataTierFromTheServicesOnly(String overlay) {
        List<Map<String, Object>> objects = render(overlay);
        List<Pod> pods = pods(overlay);
        List<Map<String, Object>> policies = kind(objects, "NetworkPolicy");
        assertThat(policies).as("a default deny of every ingress").anySatisfy(p -> {
            Map<String, Object> spec = map(p.get("spec"));
            assertThat(map(spec.get("podSelector"))).isEmpty();
            assertThat(strings(spec.get("policyTypes"))).containsExactly("Ingress");
            assertThat(list(spec.get("ingress"))).isEmpty();
        });
        Set<String> guarded = new HashSet<>();
        for (Map<String, Object> policy : policies) {
            Map<String, Object> spec = map(policy.get("spec"));
            List<Pod> targets = matching(pods, map(spec.get("podSelector")));
            assertThat(targets).as("pods of NetworkPolicy %s", name(policy)).isNotEmpty();
            Set<String> targetComponents = components(targets);
            for (Object r : list(spec.get("ingress"))) {
                Map<String, Object> rule = map(r);
                List<Object> from = list(rule.get("from"));
                if (from.isEmpty()) {
                    assertThat(targetComponents).as("only the gateway is open to all (%s)", name(policy)).containsExactly("gateway");
                    assertThat(ports(rule)).as("only its public port").containsExactly(8088);
                    continue;
                }
                for (Object p : from) {
                    Map<String, Object> peer = map(p);
                    assertThat(peer).as("peer of %s", name(policy)).doesNotContainKey("ipBlock");
                    if (peer.containsKey("namespaceSelector")) {
                        assertThat(map(map(peer.get("namespaceSelector")).get("matchLabels"))).as("namespace of a peer of %s", name(policy))
                                .isEqualTo(MONITORING_NAMESPACE);
                        if (!Collections.disjoint(targetComponents, DATA_TIER)) {
                            assertThat(ports(rule)).as("Prometheus reaches %s on exporter ports only", name(policy))
                                    .isNotEmpty().doesNotContainAnyElementsOf(DATA_PORTS);
                        }
                        continue;
                    }
                    List<Pod> sources = matching(pods, map(peer.get("podSelector")));
                    assertThat(sources).as("pods of a peer of %s", name(policy)).isNotEmpty();
                    Set<String> sourceComponents = components(sources);
                    for (String target : targetComponents) {
                        if (target.equals("service")) {
                            assertThat(sourceComponents).as("who reaches the services (%s)", name(policy))
                                    .isSubsetOf("gateway", "console");
                        } else if (DATA_TIER.contains(target)) {
                            assertThat(sourceComponents).as("who reaches the %s (%s)", target, name(policy))
                                    .isSubsetOf("service", "console", "ops", target);
                        }
                    }
                }
            }
            if (!targetComponents.isEmpty() && !list(spec.get("ingress")).isEmpty()) {
                targets.forEach(t -> guarded.add(t.name()));
            }
        }
        assertThat(reaches(policies, pods, "gateway", "service")).as("the gateway reaches the services").isTrue();
        for (String data : DATA_TIER) {
            assertThat(reaches(policies, pods, "service", data)).as("the services reach the %s", data).isTrue();
        }
        assertThat(pods.stream().map(Pod::name).filter(n -> !guarded.contains(n)))
                .as("pods that only the default deny covers: the console (kubectl port-forward only)").containsOnly("admin-console");
    }

    @Test
    void productionScalesEachServiceAndTheGatewayAndKeepsOneThroughDisruptions() {
        List<Map<String, Object>> objects = render("production");
        List<Pod> pods = pods("production");
        List<Pod> scaled = pods.stream().filter(p -> Set.of("service", "gateway").contains(p.labels().get(COMPONENT))).toList();
        assertThat(scaled).extracting(Pod::name).containsExactlyInAnyOrder("user-war", "post-war", "comment-war", "gateway");
        for (Pod pod : scaled) {
            assertThat(map(pod.workload().get("spec"))).as("%s: the autoscaler owns the count", pod).doesNotContainKey("replicas");
            assertThat(kind(objects, "HorizontalPodAutoscaler")).as("autoscaler of %s", pod).anySatisfy(hpa -> {
                Map<String, Object> spec = map(hpa.get("spec"));
                assertThat(map(spec.get("scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", pod.name());
                assertThat((Integer) spec.get("minReplicas")).isGreaterThanOrEqualTo(2);
                assertThat((Integer) spec.get("maxReplicas")).isGreaterThan((Integer) spec.get("minReplicas"));
            });
            assertThat(kind(objects, "PodDisruptionBudget")).as("disruption budget of %s", pod).anySatisfy(pdb -> {
                Map<String, Object> spec = map(pdb.get("spec"));
                assertThat(matching(List.of(pod), map(spec.get("selector")))).isNotEmpty();
                assertThat(spec).containsAnyOf(entry("minAvailable", 1), entry("maxUnavailable", 1));
            });
        }
        for (String cluster : List.of("redis", "redis-security", "elasticsearch")) {
            Pod pod = pods.stream().filter(p -> p.name().equals(cluster)).findFirst().orElseThrow();
            assertThat((Integer) map(pod.workload().get("spec")).get("replicas")).as("nodes of %s", cluster).isGreaterThanOrEqualTo(3);
            assertThat(kind(objects, "PodDisruptionBudget")).as("disruption budget of %s", cluster)
                    .anySatisfy(pdb -> assertThat(matching(List.of(pod), map(map(pdb.get("spec")).get("selector")))).isNotEmpty());
        }
        assertThat(orEmpty(configMap(objects, "blog-settings").get("data"))).containsEntry("BLOG_REDIS_MODE", "cluster");
    }

    @Test
    void devRunsOnePodOfEachWithoutAutoscalersOrBudgets() {
        List<Map<String, Object>> objects = render("dev");
        assertThat(objects).noneMatch(o -> Set.of("HorizontalPodAutoscaler", "PodDisruptionBudget").contains(o.get("kind")));
        for (Pod pod : pods("dev")) {
            if (pod.longRunning()) {
                assertThat(map(pod.workload().get("spec")).getOrDefault("replicas", 1)).as("replicas of %s", pod).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theBackupCronJobRunsOnTheReplicasNodeWithItsVolume(String overlay) {
        List<Pod> pods = pods(overlay);
        Pod backup = pods.stream().filter(p -> p.workloadKind().equals("CronJob") && p.name().equals("blog-backup")).findFirst()
                .orElseThrow(() -> new AssertionError("no CronJob blog-backup"));
        Container job = backup.containers().stream().filter(c -> c.name().equals("backup")).findFirst().orElseThrow();
        assertThat(String.join(" ", strings(job.spec().get("args")))).contains("scripts/maintenance/backup-database.sh");
        Pod replica = pods.stream().filter(p -> p.name().equals("mariadb-replica")).findFirst().orElseThrow();
        Map<String, Object> affinity = map(map(backup.spec().get("affinity")).get("podAffinity"));
        Map<String, Object> term = map(list(affinity.get("requiredDuringSchedulingIgnoredDuringExecution")).getFirst());
        assertThat(matching(List.of(replica), map(term.get("labelSelector")))).as("the backup's node is the replica's").isNotEmpty();
        Map<String, Object> claimTemplate = map(list(map(replica.workload().get("spec")).get("volumeClaimTemplates")).getFirst());
        String replicaClaim = map(claimTemplate.get("metadata")).get("name") + "-" + replica.name() + "-0";
        assertThat(list(backup.spec().get("volumes"))).as("the replica's volume in the backup pod")
                .anySatisfy(v -> assertThat(map(map(v).get("persistentVolumeClaim"))).containsEntry("claimName", replicaClaim));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyImageHasAPinnedTag(String overlay) {
        for (Pod pod : pods(overlay)) {
            for (Container container : pod.containers()) {
                String image = (String) container.spec().get("image");
                assertThat(image).as("image of %s in %s", container.name(), pod).matches(".+:[^/:]+").doesNotEndWith(":latest");
            }
        }
    }

    // --- rendering -------------------------------------------------------------------------------

    private static List<Map<String, Object>> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::kustomize);
    }

    private static List<Map<String, Object>> kustomize(String overlay) {
        Path dir = ROOT.resolve("containers/k8s/overlays").resolve(overlay);
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render " + dir + " (kubectl with kustomize, v1.27 or later): " + e.getMessage(), e);
        }
        try {
            String out = new String(process.getInputStream().readAllBytes());
            String err = new String(process.getErrorStream().readAllBytes());
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize %s finished", dir).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(out)) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            assertThat(objects).as("objects rendered from %s", dir).isNotEmpty();
            return objects;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("kubectl kustomize " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One pod template: of a Deployment, StatefulSet, Job or CronJob. */
    record Pod(String workloadKind, Map<String, Object> workload, Map<String, Object> template) {
        String name() {
            return KubernetesManifestsTest.name(workload);
        }

        Map<String, Object> spec() {
            return map(template.get("spec"));
        }

        Map<String, Object> labels() {
            return orEmpty(map(template.get("metadata")).get("labels"));
        }

        boolean longRunning() {
            return workloadKind.equals("Deployment") || workloadKind.equals("StatefulSet");
        }

        List<Container> containers() {
            List<Container> all = new ArrayList<>();
            for (Object c : list(spec().get("initContainers"))) {
                Map<String, Object> spec = map(c);
                boolean sidecar = "Always".equals(spec.get("restartPolicy"));
                all.add(new Container(spec, !(sidecar && longRunning())));
            }
            list(spec().get("containers")).forEach(c -> all.add(new Container(map(c), !longRunning())));
            return all;
        }

        @Override
        public String toString() {
            return workloadKind + " " + name();
        }
    }

    record Container(Map<String, Object> spec, boolean runsToCompletion) {
        String name() {
            return (String) spec.get("name");
        }
    }

    private static List<Pod> pods(String overlay) {
        List<Pod> pods = new ArrayList<>();
        for (Map<String, Object> object : render(overlay)) {
            String kind = (String) object.get("kind");
            Map<String, Object> spec = map(object.get("spec"));
            switch (kind) {
                case "Deployment", "StatefulSet", "Job" -> pods.add(new Pod(kind, object, map(spec.get("template"))));
                case "CronJob" -> pods.add(new Pod(kind, object, map(map(map(spec.get("jobTemplate")).get("spec")).get("template"))));
                case "DaemonSet", "ReplicaSet", "Pod" -> fail("%s %s: not a kind these checks cover", kind, name(object));
                default -> { }
            }
        }
        return pods;
    }

    // --- checks ----------------------------------------------------------------------------------

    /** Every $(NAME) in a container's env, command and args names a variable it has: Kubernetes leaves others as text. */
    private static void assertReferencesResolve(List<Map<String, Object>> objects, Pod pod, Container container) {
        Set<String> defined = new HashSet<>();
        for (Object e : list(container.spec().get("envFrom"))) {
            Map<String, Object> source = map(e);
            if (source.containsKey("configMapRef")) {
                String name = (String) map(source.get("configMapRef")).get("name");
                defined.addAll(orEmpty(kind(objects, "ConfigMap").stream().filter(c -> name(c).equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " for " + pod)).get("data")).keySet());
            } else {
                defined.addAll(envFileSecretNames());
            }
        }
        for (Object e : list(container.spec().get("env"))) {
            Map<String, Object> env = map(e);
            assertResolved(defined, (String) env.get("value"), container.name() + " in " + pod + ", " + env.get("name"));
            defined.add((String) env.get("name"));
        }
        for (String field : List.of("command", "args")) {
            for (String word : strings(container.spec().get(field))) {
                assertResolved(defined, word, container.name() + " in " + pod + ", " + field);
            }
        }
    }

    private static void assertResolved(Set<String> defined, String text, String where) {
        if (text == null) {
            return;
        }
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            assertThat(defined).as("$(%s) in %s", reference.group(1), where).contains(reference.group(1));
        }
    }

    /** True when some policy lets pods of component {@code from} reach pods of component {@code to}. */
    private static boolean reaches(List<Map<String, Object>> policies, List<Pod> pods, String from, String to) {
        for (Map<String, Object> policy : policies) {
            Map<String, Object> spec = map(policy.get("spec"));
            if (!components(matching(pods, map(spec.get("podSelector")))).contains(to)) {
                continue;
            }
            for (Object r : list(spec.get("ingress"))) {
                for (Object p : list(map(r).get("from"))) {
                    Map<String, Object> selector = map(map(p).get("podSelector"));
                    if (selector != null && !map(p).containsKey("namespaceSelector") && components(matching(pods, selector)).contains(from)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Pod> matching(List<Pod> pods, Map<String, Object> selector) {
        assertThat(selector).as("selector").isNotNull().doesNotContainKey("matchExpressions");
        Map<String, Object> labels = orEmpty(selector.get("matchLabels"));
        return pods.stream().filter(p -> p.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    private static Set<String> components(List<Pod> pods) {
        return pods.stream().map(p -> (String) p.labels().get(COMPONENT)).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<Integer> ports(Map<String, Object> rule) {
        return list(rule.get("ports")).stream().map(p -> (Integer) map(p).get("port")).toList();
    }

    /** The claims that exist: PersistentVolumeClaims, and each StatefulSet pod's from its claim templates. */
    private static Set<String> claimNames(List<Map<String, Object>> objects) {
        Set<String> claims = new HashSet<>(names(kind(objects, "PersistentVolumeClaim")));
        for (Map<String, Object> statefulSet : kind(objects, "StatefulSet")) {
            Map<String, Object> spec = map(statefulSet.get("spec"));
            int replicas = (Integer) spec.getOrDefault("replicas", 1);
            for (Object template : list(spec.get("volumeClaimTemplates"))) {
                for (int i = 0; i < replicas; i++) {
                    claims.add(map(map(template).get("metadata")).get("name") + "-" + name(statefulSet) + "-" + i);
                }
            }
        }
        return claims;
    }

    /** The secret section of the host's env file: what the Secret blog-secrets holds. */
    private static Set<String> envFileSecretNames() {
        String example = read(ROOT.resolve("scripts/deployment/.env.production.example"));
        String secrets = example.substring(example.indexOf("\n# Secrets."));
        Set<String> names = new LinkedHashSet<>();
        Matcher line = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=").matcher(secrets);
        while (line.find()) {
            names.add(line.group(1));
        }
        assertThat(names).as("secrets of .env.production.example").contains("BLOG_USERS_DB_PASSWORD", "BLOG_ADMIN_PASSWORD");
        return names;
    }

    /** The Secrets README.md's "Running on Kubernetes" tells the user to create. */
    private static Set<String> readmeSecrets() {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Running on Kubernetes");
        assertThat(start).as("README section Running on Kubernetes").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new LinkedHashSet<>();
        Matcher create = Pattern.compile("kubectl (?:-n \\S+ )?create secret generic ([a-z0-9-]+)").matcher(section);
        while (create.find()) {
            names.add(create.group(1));
        }
        return names;
    }

    // --- YAML access -----------------------------------------------------------------------------

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container.get(probe)).get("httpGet")).get("path");
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> objects, String prefix) {
        List<Map<String, Object>> found = kind(objects, "ConfigMap").stream().filter(c -> name(c).startsWith(prefix + "-")).toList();
        assertThat(found).as("ConfigMap %s", prefix).hasSize(1);
        return found.getFirst();
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static Set<String> names(List<Map<String, Object>> objects) {
        return objects.stream().map(KubernetesManifestsTest::name).collect(Collectors.toSet());
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return Map.entry(key, value);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> orEmpty(Object value) {
        return value == null ? Map.of() : map(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
