package dev.jackal.test.node;

import dev.jackal.test.Exec;
import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.kube.ControlPlaneOptions;
import dev.jackal.test.kube.KubernetesControlPlane;
import dev.jackal.test.registry.OciRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A real Kubernetes node on this machine, registered to a {@link KubernetesControlPlane} of its own: containerd
 * 1.6 + runc run real containers, kubelet and kube-proxy 1.34 (built by the setup script) run pods, services and
 * NodePorts. Pods get {@value #POD_CIDR} on bridge {@code rn-cni0}; services {@value #SERVICE_CIDR}.
 *
 * <p>Only 127.0.0.1 can serve images: containerd's proxy points at a closed loopback port, and Go never proxies
 * loopback, so a pull from any other host fails on the spot. The sandbox image is a static {@code pause} built
 * with gcc and imported into containerd before kubelet starts, so the node needs no registry of its own.
 *
 * <p>Needs root. One node per machine: a second JVM waits for the first. {@link #close()} stops every process
 * and puts the host back (iptables chains, bridges, cgroups, mounts, sysctls); a run that died without doing
 * so is cleaned up by the next {@link #start()}.
 */
public final class RealNode implements AutoCloseable {

    public static final String NODE_NAME = "jackal-real-node";
    public static final String POD_CIDR = "10.88.0.0/24";
    public static final String SERVICE_CIDR = "10.97.0.0/24";
    /** The {@code kubernetes} service's ClusterIP. */
    public static final String API_SERVICE_IP = "10.97.0.1";
    /** The sandbox image, imported at start; a name on 127.0.0.1 so that it can never be pulled from outside. */
    public static final String SANDBOX_IMAGE = "127.0.0.1/jackal-test/pause:1";

    static final String SERVICE = "realnode";
    /** Host-wide state of the node: the lock, the run record, each run's runtime directory (short paths). */
    static final Path STATE_ROOT = Path.of("/var/tmp/jackal-realnode");

    /** Where containerd's proxy points: a loopback port nothing listens on, so non-loopback pulls fail at once. */
    private static final String NO_WAY_OUT = "http://127.0.0.1:1";

    private final NodeTools tools;
    private final MachineLock lock;
    private final RunRecord record;
    private final String nodeIp;
    private final Path configDir;
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private final List<ManagedProcess> daemons = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread shutdownHook = new Thread(this::closeQuietly, "stop-real-node");
    private NodeConfigs configs;
    private KubernetesControlPlane controlPlane;
    private OciRegistry registry;
    private boolean closed;

    private RealNode(NodeTools tools, MachineLock lock, RunRecord record, String nodeIp, Path configDir) {
        this.tools = tools;
        this.lock = lock;
        this.record = record;
        this.nodeIp = nodeIp;
        this.configDir = configDir;
    }

    /**
     * Starts control plane, containerd, kubelet, kube-proxy and a loopback registry, and waits until the node is
     * Ready. Fails (never skips) with the setup command when something is missing.
     */
    public static RealNode start() {
        Instant begin = Instant.now();
        if (!HostFacts.isRoot()) {
            throw new TestServiceException(SERVICE, "needs root: containerd, kubelet and kube-proxy change the host");
        }
        NodeTools tools = NodeTools.find();
        MachineLock lock;
        try {
            Files.createDirectories(STATE_ROOT);
            lock = MachineLock.acquire(STATE_ROOT.resolve("lock"), Duration.ofMinutes(10));
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot create " + STATE_ROOT, e);
        }
        RealNode node = null;
        try {
            Instant leftovers = Instant.now();
            cleanLeftovers(tools);
            Duration cleanup = Duration.between(leftovers, Instant.now());
            Path runtime = STATE_ROOT.resolve("run-" + ProcessHandle.current().pid());
            String nodeIp = HostFacts.nodeIp();
            Path configDir = ServiceDirs.create(SERVICE);
            RunRecord record = RunRecord.create(
                    STATE_ROOT.resolve("run.properties"),
                    runtime,
                    HostFacts.readSysctls(HostFacts.SYSCTLS),
                    HostRestore.absentHostDirs(),
                    Netfilter.tables(tools));
            node = new RealNode(tools, lock, record, nodeIp, configDir);
            Runtime.getRuntime().addShutdownHook(node.shutdownHook);
            node.timings.put("leftover check", cleanup);
            node.boot(runtime);
            node.timings.put("total", Duration.between(begin, Instant.now()));
            return node;
        } catch (RuntimeException e) {
            if (node != null) {
                node.closeQuietly();
            } else {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Undoes what a node that was not stopped left on the host (a killed JVM), without starting one; does
     * nothing when there is nothing to undo. Waits for a node that is running elsewhere on the machine.
     */
    static void cleanUpLeftovers() {
        NodeTools tools = NodeTools.find();
        try (MachineLock lock = MachineLock.acquire(STATE_ROOT.resolve("lock"), Duration.ofMinutes(10))) {
            cleanLeftovers(tools);
        }
    }

    /** A previous run's record, or the node's bridges or cgroups without one: undo them before starting. */
    private static void cleanLeftovers(NodeTools tools) {
        RunRecord leftover =
                RunRecord.load(STATE_ROOT.resolve("run.properties")).orElse(null);
        if (leftover == null && !HostRestore.tracesPresent()) {
            return;
        }
        if (leftover == null) {
            leftover = RunRecord.create(STATE_ROOT.resolve("run.properties"), null, Map.of(), List.of(), null);
        }
        List<String> problems = HostRestore.restore(tools, leftover);
        if (!problems.isEmpty()) {
            throw new TestServiceException(
                    SERVICE, "a previous run left the host changed and it cannot be undone: " + problems);
        }
    }

    private void boot(Path runtime) {
        Instant step = Instant.now();
        configs = new NodeConfigs(
                runtime,
                configDir,
                NODE_NAME,
                POD_CIDR,
                SANDBOX_IMAGE,
                Ports.free(),
                Ports.free(),
                Ports.free(),
                Ports.free());
        writeRuntimeConfigs();
        // containerd does not need the cluster: it starts, with its sandbox image, while the control plane boots
        CompletableFuture<Duration> runtimeReady = CompletableFuture.supplyAsync(
                this::startContainerd, command -> new Thread(command, "realnode-containerd").start());
        try {
            controlPlane =
                    KubernetesControlPlane.start(ControlPlaneOptions.forRealNode(nodeIp, SERVICE_CIDR, API_SERVICE_IP));
            List<ProcessHandle> planeProcesses = controlPlane.processes();
            for (int i = 0; i < planeProcesses.size(); i++) {
                record.started("control-plane-" + i, planeProcesses.get(i));
            }
            ClusterQueries queries = new ClusterQueries(controlPlane);
            step = lap("control plane", step);
            writeClusterConfigs();
            step = lap("node PKI and kubeconfigs", step);
            timings.put("containerd + sandbox image (alongside the control plane)", runtimeReady.join());
            step = lap("waiting for containerd", step);
            startKubeletAndProxy(queries);
            step = lap("kubelet (node Ready), kube-proxy", step);
        } catch (RuntimeException e) {
            runtimeReady.handle((duration, failure) -> null).join();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        registry = OciRegistry.start(OciRegistry.Variant.PLAIN);
        record.started("registry", registry.processHandle());
        new ClusterQueries(controlPlane).awaitDefaultServiceAccount(Duration.ofSeconds(60));
        lap("registry, default ServiceAccount", step);
    }

    private Duration startContainerd() {
        Instant begin = Instant.now();
        Path pauseLayout = PauseImage.build(tools, configDir.resolve("pause"));
        Ctr ctr = ctr();
        ManagedProcess containerd = daemon(
                "containerd",
                List.of(
                        tools.containerd().toString(),
                        "--config",
                        configs.containerdConfig().toString()),
                Map.of("HTTP_PROXY", NO_WAY_OUT, "HTTPS_PROXY", NO_WAY_OUT, "NO_PROXY", "127.0.0.1,localhost"));
        containerd.awaitReady(Duration.ofSeconds(30), ctr::answers);
        ImageImport.run(ctr, pauseLayout, SANDBOX_IMAGE, configDir);
        return Duration.between(begin, Instant.now());
    }

    private void startKubeletAndProxy(ClusterQueries queries) {
        Path runtime = configs.runtime();
        daemon(
                        "kubelet",
                        List.of(
                                tools.kubelet().toString(),
                                "--config=" + configs.kubeletConfig(),
                                "--kubeconfig=" + configs.kubeletKubeconfig(),
                                "--root-dir=" + runtime.resolve("kubelet"),
                                "--cert-dir=" + runtime.resolve("kubelet-pki"),
                                "--hostname-override=" + NODE_NAME,
                                "--node-ip=" + nodeIp,
                                "--v=1"),
                        Map.of())
                .awaitReady(Duration.ofSeconds(90), () -> queries.nodeReady(NODE_NAME));
        guardServiceCidr();
        daemon(
                        "kube-proxy",
                        List.of(tools.kubeProxy().toString(), "--config=" + configs.kubeProxyConfig(), "--v=1"),
                        Map.of())
                .awaitReady(
                        Duration.ofSeconds(30),
                        () -> ClusterQueries.healthy("http://127.0.0.1:" + configs.proxyHealthzPort() + "/healthz"));
    }

    private void writeRuntimeConfigs() {
        try {
            Files.createDirectories(configs.runtime());
            Files.createDirectories(configs.cniConfDir());
            Files.createDirectories(configs.registryHostsDir());
            Files.createDirectories(logsDir());
            Files.writeString(configs.containerdConfig(), configs.containerd());
            Files.writeString(configs.cniConfDir().resolve("10-jackal-realnode.conflist"), configs.cni());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node's configuration in " + configDir, e);
        }
    }

    private void writeClusterConfigs() {
        TestPki pki = controlPlane.pki();
        TestPki.Issued serving = pki.server("kubelet-serving", "IP:" + nodeIp, "DNS:" + NODE_NAME);
        TestPki.Issued kubelet = pki.client("kubelet", "system:node:" + NODE_NAME, "system:nodes");
        TestPki.Issued kubeProxy = pki.client("kube-proxy", "system:kube-proxy", null);
        try {
            Files.writeString(
                    configs.kubeletConfig(),
                    configs.kubelet(pki.caCertificate(), serving.certificate(), serving.key()));
            Files.writeString(configs.kubeProxyConfig(), configs.kubeProxy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node's configuration in " + configDir, e);
        }
        controlPlane.writeKubeconfig(configs.kubeletKubeconfig(), kubelet);
        controlPlane.writeKubeconfig(configs.kubeProxyKubeconfig(), kubeProxy);
    }

    /**
     * A service IP that has no kube-proxy rule (yet) would follow the default route off the machine: route the
     * service CIDR to an empty bridge instead. kube-proxy's DNAT still sends matched traffic to the pods.
     */
    private void guardServiceCidr() {
        String bridge = HostRestore.BRIDGES.get(1);
        String ip = tools.ip().toString();
        if (!HostFacts.hasNetworkDevice(bridge)) {
            Exec.run(List.of(ip, "link", "add", bridge, "type", "bridge")).requireSuccess();
        }
        Exec.run(List.of(ip, "link", "set", bridge, "up")).requireSuccess();
        Exec.run(List.of(ip, "route", "replace", SERVICE_CIDR, "dev", bridge)).requireSuccess();
    }

    private ManagedProcess daemon(String name, List<String> command, Map<String, String> environment) {
        ManagedProcess process = ManagedProcess.startInOwnSession(
                name, command, environment, configDir, logsDir().resolve(name + ".log"));
        daemons.add(process);
        record.started(name, process.handle());
        return process;
    }

    private Instant lap(String phase, Instant since) {
        Instant now = Instant.now();
        timings.put(phase, Duration.between(since, now));
        return now;
    }

    private Ctr ctr() {
        return new Ctr(tools.ctr(), configs.containerdSocket());
    }

    /** The control plane this node is registered to. */
    public KubernetesControlPlane controlPlane() {
        return controlPlane;
    }

    /** A cluster-admin kubeconfig (certificates embedded), for kubectl, fabric8 or jackal. */
    public Path kubeconfig() {
        return controlPlane.kubeconfig();
    }

    /** kubectl 1.34, built with the node. */
    public Path kubectl() {
        return tools.kubectl();
    }

    /** Runs kubectl against this cluster; not checked for success. */
    public Exec.Result kubectl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(tools.kubectl().toString());
        command.add("--kubeconfig=" + kubeconfig());
        command.addAll(List.of(args));
        return Exec.run(command);
    }

    public String nodeName() {
        return NODE_NAME;
    }

    /** The node's InternalIP: the address of the default route's interface. */
    public String nodeIp() {
        return nodeIp;
    }

    /** A plain-HTTP registry on 127.0.0.1 that the node can pull from; stopped with the node. */
    public OciRegistry registry() {
        return registry;
    }

    /**
     * Imports an image from an OCI layout directory or OCI archive into containerd's {@code k8s.io} namespace
     * as {@code ref}, so that a pod naming {@code ref} starts without a pull. A layout with several images picks
     * the one whose {@code org.opencontainers.image.ref.name} is {@code ref} or its tag.
     */
    public void importImage(Path ociArchiveOrLayout, String ref) {
        ImageImport.run(ctr(), ociArchiveOrLayout, ref, configDir);
    }

    /** The image names containerd holds for the CRI ({@code ctr -n k8s.io images ls -q}). */
    public List<String> imagesOnNode() {
        return Ctr.lines(ctr().run("images", "ls", "-q").requireSuccess().stdout());
    }

    /** Configuration files and logs of the node (the control plane has its own directory). */
    public Path configDir() {
        return configDir;
    }

    public Path logsDir() {
        return configDir.resolve("logs");
    }

    /** containerd's and kubelet's state: every mount the node makes is under it. Deleted by {@link #close()}. */
    public Path runtimeDir() {
        return record.runtimeDir();
    }

    /** The processes this node started (control plane included), newest first. */
    List<RunRecord.Started> startedProcesses() {
        return record.processesNewestFirst();
    }

    /** How long each phase of {@link #start()} took. */
    public Map<String, Duration> startTimings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Stops every process of the node and its control plane and puts the host back; fails if it cannot. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems;
        try {
            if (registry != null) {
                registry.close();
            }
            problems = HostRestore.restore(tools, record);
            daemons.forEach(ManagedProcess::close);
            if (controlPlane != null) {
                controlPlane.close();
            }
        } finally {
            lock.close();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // running in the hook
            }
        }
        if (!problems.isEmpty()) {
            throw new TestServiceException(SERVICE, "the host could not be fully restored: " + problems);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("realnode: " + e.getMessage());
        }
    }
}
