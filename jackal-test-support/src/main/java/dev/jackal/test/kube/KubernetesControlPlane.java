package dev.jackal.test.kube;

import dev.jackal.test.Exec;
import dev.jackal.test.ManagedProcess;
import dev.jackal.test.Ports;
import dev.jackal.test.ServiceDirs;
import dev.jackal.test.TestPki;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.TestTools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler (Kubernetes 1.34, built from Go modules by the setup script) and kwok, which makes one
 * fake node {@value #NODE_NAME} Ready and moves pods scheduled to it to Running and Ready.
 */
public final class KubernetesControlPlane implements AutoCloseable {

    /** The fake node that kwok manages. */
    public static final String NODE_NAME = "kwok-node-0";

    private static final String SERVICE = "kubernetes";

    private final Path dir;
    private final TestPki pki;
    private final TestPki.Issued admin;
    private final int apiPort;
    private final Path kubeconfig;
    private final List<ManagedProcess> processes;

    private KubernetesControlPlane(
            Path dir, TestPki pki, TestPki.Issued admin, int apiPort, Path kubeconfig, List<ManagedProcess> processes) {
        this.dir = dir;
        this.pki = pki;
        this.admin = admin;
        this.apiPort = apiPort;
        this.kubeconfig = kubeconfig;
        this.processes = processes;
    }

    /** Starts every component and waits until the fake node is Ready. */
    public static KubernetesControlPlane start() {
        return start(ControlPlaneOptions.kwokDefaults());
    }

    /** Starts every component {@code options} asks for; with kwok, waits until the fake node is Ready. */
    public static KubernetesControlPlane start(ControlPlaneOptions options) {
        Path etcd = TestTools.cached(SERVICE, "etcd");
        Path apiserver = TestTools.cached(SERVICE, "kube-apiserver");
        Path controllerManager = TestTools.cached(SERVICE, "kube-controller-manager");
        Path scheduler = TestTools.cached(SERVICE, "kube-scheduler");
        Path kwok = options.kwok() ? TestTools.cached(SERVICE, "kwok") : null;
        Path stages = TestTools.cacheDir().resolve("kwok").resolve("stages.yaml");
        if (options.kwok() && !Files.isRegularFile(stages)) {
            throw new TestServiceException(SERVICE, stages + " is missing; run " + TestTools.SETUP_COMMAND);
        }
        Path openssl = TestTools.onPath(SERVICE, "openssl");

        Path dir = ServiceDirs.create(SERVICE);
        Path logs = dir.resolve("logs");
        TestPki pki = TestPki.create(dir.resolve("pki"), "jackal-test-kubernetes-ca");
        List<String> sans = new ArrayList<>(List.of(
                "IP:" + options.serviceIp(),
                "DNS:kubernetes",
                "DNS:kubernetes.default",
                "DNS:kubernetes.default.svc",
                "DNS:kubernetes.default.svc.cluster.local"));
        sans.addAll(options.extraSans());
        TestPki.Issued serving = pki.server("apiserver", sans.toArray(String[]::new));
        TestPki.Issued admin = pki.client("admin", "admin", "system:masters");
        Path saKey = dir.resolve("pki").resolve("sa.key");
        Path saPub = dir.resolve("pki").resolve("sa.pub");
        Exec.run(List.of(openssl.toString(), "genrsa", "-out", saKey.toString(), "2048"))
                .requireSuccess();
        Exec.run(List.of(openssl.toString(), "rsa", "-in", saKey.toString(), "-pubout", "-out", saPub.toString()))
                .requireSuccess();

        int etcdClient = Ports.free();
        int etcdPeer = Ports.free();
        int apiPort = Ports.free();
        List<ManagedProcess> processes = new ArrayList<>();
        try {
            Files.createDirectories(logs);
            HttpClient plain = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            processes.add(ManagedProcess.start(
                            "etcd:" + etcdClient,
                            List.of(
                                    etcd.toString(),
                                    "--name=jackal-test",
                                    "--data-dir=" + dir.resolve("etcd"),
                                    "--listen-client-urls=http://127.0.0.1:" + etcdClient,
                                    "--advertise-client-urls=http://127.0.0.1:" + etcdClient,
                                    "--listen-peer-urls=http://127.0.0.1:" + etcdPeer,
                                    "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeer,
                                    "--initial-cluster=jackal-test=http://127.0.0.1:" + etcdPeer,
                                    "--unsafe-no-fsync",
                                    "--log-level=warn"),
                            Map.of(),
                            dir,
                            logs.resolve("etcd.log"))
                    .awaitReady(Duration.ofSeconds(30), () -> get(plain, "http://127.0.0.1:" + etcdClient + "/health")
                            .contains("\"health\":\"true\"")));

            List<String> apiserverCommand = new ArrayList<>(List.of(
                    apiserver.toString(),
                    "--etcd-servers=http://127.0.0.1:" + etcdClient,
                    "--bind-address=" + options.bindAddress(),
                    "--advertise-address=" + options.advertiseAddress(),
                    "--secure-port=" + apiPort,
                    "--tls-cert-file=" + serving.certificate(),
                    "--tls-private-key-file=" + serving.key(),
                    "--client-ca-file=" + pki.caCertificate(),
                    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                    "--service-account-key-file=" + saPub,
                    "--service-account-signing-key-file=" + saKey,
                    "--service-cluster-ip-range=" + options.serviceCidr(),
                    "--authorization-mode=Node,RBAC",
                    "--allow-privileged=true",
                    "--enable-aggregator-routing=true",
                    "--cert-dir=" + dir.resolve("apiserver-certs")));
            if (options.kubeletClient()) {
                TestPki.Issued toKubelets =
                        pki.client("apiserver-kubelet-client", "kube-apiserver-kubelet-client", "system:masters");
                apiserverCommand.add("--kubelet-client-certificate=" + toKubelets.certificate());
                apiserverCommand.add("--kubelet-client-key=" + toKubelets.key());
                apiserverCommand.add("--kubelet-preferred-address-types=InternalIP");
            }
            processes.add(ManagedProcess.start(
                    "kube-apiserver:" + apiPort, apiserverCommand, Map.of(), dir, logs.resolve("kube-apiserver.log")));
            KubernetesControlPlane plane =
                    new KubernetesControlPlane(dir, pki, admin, apiPort, dir.resolve("admin.kubeconfig"), processes);
            HttpClient api = plane.httpClient();
            processes.get(1).awaitReady(Duration.ofSeconds(90), () -> "ok"
                    .equals(get(api, plane.apiServerUrl() + "/readyz")));
            plane.writeKubeconfig();

            processes.add(ManagedProcess.start(
                    "kube-controller-manager",
                    List.of(
                            controllerManager.toString(),
                            "--kubeconfig=" + plane.kubeconfig,
                            "--bind-address=127.0.0.1",
                            "--secure-port=0",
                            "--leader-elect=false",
                            "--service-account-private-key-file=" + saKey,
                            "--root-ca-file=" + pki.caCertificate(),
                            "--use-service-account-credentials=true",
                            "--cluster-signing-cert-file=" + pki.caCertificate(),
                            "--cluster-signing-key-file=" + pki.caKey(),
                            "--service-cluster-ip-range=" + options.serviceCidr()),
                    Map.of(),
                    dir,
                    logs.resolve("kube-controller-manager.log")));
            processes.add(ManagedProcess.start(
                    "kube-scheduler",
                    List.of(
                            scheduler.toString(),
                            "--kubeconfig=" + plane.kubeconfig,
                            "--bind-address=127.0.0.1",
                            "--secure-port=0",
                            "--leader-elect=false"),
                    Map.of(),
                    dir,
                    logs.resolve("kube-scheduler.log")));
            if (!options.kwok()) {
                return plane;
            }
            processes.add(ManagedProcess.start(
                    "kwok",
                    List.of(
                            kwok.toString(),
                            "--kubeconfig=" + plane.kubeconfig,
                            "--config=" + stages,
                            "--manage-all-nodes=false",
                            "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                            "--manage-nodes-with-label-selector=",
                            "--manage-single-node=",
                            "--cidr=10.0.0.0/24",
                            "--node-ip=10.0.0.1",
                            "--node-lease-duration-seconds=40"),
                    Map.of("HOME", dir.toString()),
                    dir,
                    logs.resolve("kwok.log")));
            plane.createFakeNode(api);
            return plane;
        } catch (IOException | RuntimeException e) {
            processes.forEach(ManagedProcess::close);
            if (e instanceof TestServiceException tse) {
                throw tse;
            }
            throw new TestServiceException(SERVICE, "cannot start: " + e.getMessage() + " (logs in " + logs + ")", e);
        }
    }

    private void createFakeNode(HttpClient api) {
        String node =
                """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s",
                 "annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"},
                 "labels":{"kubernetes.io/arch":"amd64","kubernetes.io/hostname":"%s","kubernetes.io/os":"linux",
                           "kubernetes.io/role":"agent","node-role.kubernetes.io/agent":"","type":"kwok"}},
                 "spec":{}}
                """
                        .formatted(NODE_NAME, NODE_NAME);
        HttpResponse<String> created = send(
                api,
                HttpRequest.newBuilder(URI.create(apiServerUrl() + "/api/v1/nodes"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(node))
                        .build());
        if (created.statusCode() != 201) {
            throw new TestServiceException(
                    SERVICE,
                    "cannot create node " + NODE_NAME + ": HTTP " + created.statusCode() + " " + created.body());
        }
        ManagedProcess kwok = processes.get(processes.size() - 1);
        kwok.awaitReady(Duration.ofSeconds(60), () -> {
            String json = get(api, apiServerUrl() + "/api/v1/nodes/" + NODE_NAME);
            return json.replace(" ", "").matches("(?s).*\"type\":\"Ready\",\"status\":\"True\".*");
        });
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String apiServerUrl() {
        return "https://127.0.0.1:" + apiPort;
    }

    /** A kubeconfig for a cluster-admin user (group {@code system:masters}), certificates embedded. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The kubeconfig's text. */
    public String kubeconfigContents() {
        try {
            return Files.readString(kubeconfig);
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot read " + kubeconfig, e);
        }
    }

    /** The cluster's CA, which can also issue certificates for test servers the apiserver must trust. */
    public TestPki pki() {
        return pki;
    }

    /** An HTTP client authenticated as the admin, trusting the cluster CA. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder()
                .sslContext(pki.sslContext(admin))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The processes of the control plane (etcd, apiserver, …), oldest first. */
    public List<ProcessHandle> processes() {
        return processes.stream().map(ManagedProcess::handle).toList();
    }

    /**
     * Writes a kubeconfig for {@code user} (a client certificate of {@link #pki()}, certificates embedded) that
     * reaches this apiserver on 127.0.0.1.
     */
    public void writeKubeconfig(Path file, TestPki.Issued user) {
        try {
            Files.writeString(file, kubeconfigYaml(user));
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, "cannot write " + file, e);
        }
    }

    /** Where the components' logs are. */
    public Path logsDir() {
        return dir.resolve("logs");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private void writeKubeconfig() throws IOException {
        Files.writeString(kubeconfig, kubeconfigYaml(admin));
    }

    private String kubeconfigYaml(TestPki.Issued user) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        String yaml = "apiVersion: v1\nkind: Config\n"
                + "clusters:\n- name: jackal-test\n  cluster:\n    server: " + apiServerUrl() + "\n"
                + "    certificate-authority-data: " + b64.encodeToString(Files.readAllBytes(pki.caCertificate()))
                + "\n"
                + "users:\n- name: admin\n  user:\n"
                + "    client-certificate-data: " + b64.encodeToString(Files.readAllBytes(user.certificate())) + "\n"
                + "    client-key-data: " + b64.encodeToString(Files.readAllBytes(user.key())) + "\n"
                + "contexts:\n- name: jackal-test\n  context:\n    cluster: jackal-test\n    user: admin\n"
                + "current-context: jackal-test\n";
        return yaml;
    }

    private static String get(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TestServiceException(SERVICE, request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestServiceException(SERVICE, "interrupted", e);
        }
    }
}
