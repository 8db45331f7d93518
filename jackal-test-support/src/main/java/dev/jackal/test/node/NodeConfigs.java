package dev.jackal.test.node;

import java.nio.file.Path;

/**
 * The node's configuration files, as the verified recipe has them: containerd with its own root, state and
 * socket (and {@code restrict_oom_score_adj}, since this root lacks {@code CAP_SYS_RESOURCE}); a bridge CNI
 * network without masquerading; kubelet on cgroup v1 with cgroupfs; kube-proxy in iptables mode.
 *
 * @param runtime the short runtime directory (sockets must stay under 108 characters)
 * @param config the directory of configuration files and logs
 */
record NodeConfigs(
        Path runtime,
        Path config,
        String nodeName,
        String podCidr,
        String sandboxImage,
        int kubeletPort,
        int kubeletHealthzPort,
        int proxyHealthzPort,
        int proxyMetricsPort) {

    Path containerdSocket() {
        return runtime.resolve("containerd.sock");
    }

    Path containerdConfig() {
        return config.resolve("containerd.toml");
    }

    Path cniConfDir() {
        return config.resolve("cni");
    }

    /** containerd's {@code config_path}: {@code <host:port>/hosts.toml} files, read at every pull. */
    Path registryHostsDir() {
        return config.resolve("certs.d");
    }

    Path kubeletConfig() {
        return config.resolve("kubelet.yaml");
    }

    Path kubeletKubeconfig() {
        return config.resolve("kubelet.kubeconfig");
    }

    Path kubeProxyConfig() {
        return config.resolve("kube-proxy.yaml");
    }

    Path kubeProxyKubeconfig() {
        return config.resolve("kube-proxy.kubeconfig");
    }

    String containerd() {
        Path ctrd = runtime.resolve("containerd");
        return """
                version = 2
                root = "%s"
                state = "%s"
                oom_score = 0
                [grpc]
                  address = "%s"
                [ttrpc]
                  address = "%s.ttrpc"
                [metrics]
                  address = ""
                [plugins]
                  [plugins."io.containerd.grpc.v1.cri"]
                    sandbox_image = "%s"
                    enable_cdi = false
                    # no CAP_SYS_RESOURCE here: the -998 oom_score_adj of every sandbox would make runc fail
                    restrict_oom_score_adj = true
                    netns_mounts_under_state_dir = true
                    [plugins."io.containerd.grpc.v1.cri".containerd]
                      snapshotter = "overlayfs"
                      default_runtime_name = "runc"
                      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                        runtime_type = "io.containerd.runc.v2"
                        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                          SystemdCgroup = false
                          Root = "%s"
                    [plugins."io.containerd.grpc.v1.cri".cni]
                      bin_dir = "%s"
                      conf_dir = "%s"
                    [plugins."io.containerd.grpc.v1.cri".registry]
                      config_path = "%s"
                  [plugins."io.containerd.internal.v1.opt"]
                    path = "%s"
                """
                .formatted(
                        ctrd.resolve("root"),
                        ctrd.resolve("state"),
                        containerdSocket(),
                        containerdSocket(),
                        sandboxImage,
                        runtime.resolve("runc"),
                        NodeTools.CNI_BIN_DIR,
                        cniConfDir(),
                        registryHostsDir(),
                        ctrd.resolve("opt"));
    }

    String cni() {
        return """
                {
                  "cniVersion": "1.0.0",
                  "name": "%s",
                  "plugins": [
                    {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": false, "hairpinMode": true,
                     "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s"}]], "routes": [{"dst": "0.0.0.0/0"}],
                              "dataDir": "%s"}},
                    {"type": "portmap", "capabilities": {"portMappings": true}}
                  ]
                }
                """
                .formatted(HostRestore.CNI_NETWORK, HostRestore.BRIDGES.get(0), podCidr, runtime.resolve("cni-ipam"));
    }

    /**
     * @param caCertificate the cluster CA, which kubelet trusts for client certificates (the apiserver's)
     * @param servingCertificate kubelet's serving certificate (logs, exec, port-forward)
     */
    String kubelet(Path caCertificate, Path servingCertificate, Path servingKey) {
        return """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                containerRuntimeEndpoint: unix://%s
                cgroupDriver: cgroupfs
                failCgroupV1: false
                failSwapOn: false
                oomScoreAdj: 0
                address: 0.0.0.0
                port: %d
                readOnlyPort: 0
                healthzBindAddress: 127.0.0.1
                healthzPort: %d
                podLogsDir: %s
                authentication:
                  anonymous: {enabled: false}
                  webhook: {enabled: true}
                  x509: {clientCAFile: %s}
                authorization: {mode: Webhook}
                tlsCertFile: %s
                tlsPrivateKeyFile: %s
                rotateCertificates: false
                serverTLSBootstrap: false
                clusterDomain: cluster.local
                resolvConf: /etc/resolv.conf
                hairpinMode: hairpin-veth
                serializeImagePulls: false
                maxPods: 50
                evictionHard: {memory.available: "50Mi", nodefs.available: "1%%", nodefs.inodesFree: "1%%", imagefs.available: "1%%"}
                imageGCHighThresholdPercent: 100
                imageGCLowThresholdPercent: 99
                syncFrequency: 10s
                nodeStatusUpdateFrequency: 5s
                fileCheckFrequency: 5s
                """
                .formatted(
                        containerdSocket(),
                        kubeletPort,
                        kubeletHealthzPort,
                        runtime.resolve("pod-logs"),
                        caCertificate,
                        servingCertificate,
                        servingKey);
    }

    String kubeProxy() {
        return """
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                clientConnection: {kubeconfig: %s}
                mode: iptables
                clusterCIDR: %s
                hostnameOverride: %s
                bindAddress: 0.0.0.0
                healthzBindAddress: 127.0.0.1:%d
                metricsBindAddress: 127.0.0.1:%d
                conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
                iptables: {localhostNodePorts: true, masqueradeAll: false, syncPeriod: 10s, minSyncPeriod: 1s}
                """
                .formatted(kubeProxyKubeconfig(), podCidr, nodeName, proxyHealthzPort, proxyMetricsPort);
    }
}
