// Package kubernetes holds the manifests of a switchemu fleet on
// Kubernetes (a StatefulSet of shards, its Services, the inventory
// ConfigMap, kustomization.yaml); its test decodes them strictly with the
// Kubernetes API types and checks the shards the pods compute.
package kubernetes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"switchemu/fleet"
)

// kustomization is the part of kustomize's Kustomization these manifests
// use; decoded strictly, so a misspelt key fails.
type kustomization struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Labels     []struct {
		Pairs map[string]string `json:"pairs"`
	} `json:"labels"`
	Resources []string `json:"resources"`
	Images    []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
}

type manifests struct {
	sts      *appsv1.StatefulSet
	cm       *corev1.ConfigMap
	services []*corev1.Service
}

// load decodes kustomization.yaml and every resource it lists, strictly
// (unknown fields are errors), into the API types of their kind.
func load(t *testing.T) (*kustomization, *manifests) {
	t.Helper()
	data, err := os.ReadFile("kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var k kustomization
	if err := strictDecode(data, &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml: %s %s", k.APIVersion, k.Kind)
	}
	files, _ := filepath.Glob("*.yaml")
	for _, f := range files {
		if f != "kustomization.yaml" && !slices.Contains(k.Resources, f) {
			t.Errorf("%s is not listed in kustomization.yaml", f)
		}
	}
	var m manifests
	for _, f := range k.Resources {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("kustomization.yaml lists %s: %v", f, err)
		}
		for i, doc := range bytes.Split(data, []byte("\n---")) {
			if len(bytes.TrimSpace(doc)) == 0 {
				continue
			}
			var meta struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
			}
			if err := yaml.Unmarshal(doc, &meta); err != nil {
				t.Fatalf("%s #%d: %v", f, i, err)
			}
			var obj any
			switch meta.APIVersion + " " + meta.Kind {
			case "apps/v1 StatefulSet":
				m.sts = &appsv1.StatefulSet{}
				obj = m.sts
			case "v1 ConfigMap":
				m.cm = &corev1.ConfigMap{}
				obj = m.cm
			case "v1 Service":
				s := &corev1.Service{}
				m.services = append(m.services, s)
				obj = s
			default:
				t.Fatalf("%s #%d: unexpected %s %s", f, i, meta.APIVersion, meta.Kind)
			}
			if err := strictDecode(doc, obj); err != nil {
				t.Fatalf("%s #%d (%s): %v", f, i, meta.Kind, err)
			}
		}
	}
	if m.sts == nil || m.cm == nil || len(m.services) != 2 {
		t.Fatalf("want a StatefulSet, a ConfigMap and two Services")
	}
	return &k, &m
}

// TestManifests checks that the objects fit together: selectors and
// labels, the headless Service the StatefulSet names, the volumes and
// their mounts, the probes and resources, the non-root user of the image.
func TestManifests(t *testing.T) {
	k, m := load(t)
	sts := m.sts
	spec := sts.Spec.Template.Spec
	labels := sts.Spec.Template.Labels
	for key, v := range sts.Spec.Selector.MatchLabels {
		if labels[key] != v {
			t.Errorf("selector %s=%s does not select the pod template %v", key, v, labels)
		}
	}
	headless := 0
	for _, s := range m.services {
		for key, v := range s.Spec.Selector {
			if labels[key] != v {
				t.Errorf("service %s: selector %s=%s does not select the pods", s.Name, key, v)
			}
		}
		if s.Spec.ClusterIP == corev1.ClusterIPNone {
			headless++
			if s.Name != sts.Spec.ServiceName {
				t.Errorf("headless service %s, StatefulSet serviceName %s", s.Name, sts.Spec.ServiceName)
			}
		}
		for _, p := range s.Spec.Ports {
			if !slices.ContainsFunc(spec.Containers[0].Ports, func(cp corev1.ContainerPort) bool { return cp.Name == p.TargetPort.String() }) {
				t.Errorf("service %s: target port %s is no container port", s.Name, p.TargetPort.String())
			}
		}
	}
	if headless != 1 {
		t.Errorf("%d headless services, want 1", headless)
	}
	if len(spec.Containers) != 1 {
		t.Fatalf("%d containers", len(spec.Containers))
	}
	c := spec.Containers[0]
	if !slices.ContainsFunc(k.Images, func(i struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	}) bool {
		return strings.HasPrefix(c.Image, i.Name+":") || c.Image == i.Name
	}) {
		t.Errorf("image %s has no entry in kustomization.yaml images", c.Image)
	}
	for _, p := range []*corev1.Probe{c.StartupProbe, c.LivenessProbe} {
		if p == nil || p.Exec == nil || len(p.Exec.Command) < 2 || p.Exec.Command[1] != "healthcheck" {
			t.Errorf("probe %+v: want an exec of switchemu healthcheck", p)
		}
	}
	// Ready is the API's readiness path, on the port the API listens on.
	if p := c.ReadinessProbe; p == nil || p.HTTPGet == nil || p.HTTPGet.Path != "/healthz" || p.HTTPGet.Port.String() != "api" {
		t.Errorf("readiness probe %+v: want GET /healthz on the api port", p)
	}
	if !slices.Contains(c.Args, "--api") || !slices.Contains(c.Args, "0.0.0.0:8080") {
		t.Errorf("args %q: the API must listen on the api port", c.Args)
	}
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, lim := c.Resources.Requests[r], c.Resources.Limits[r]
		if req.IsZero() || lim.IsZero() || req.Cmp(lim) > 0 {
			t.Errorf("%s: request %s, limit %s", r, req.String(), lim.String())
		}
	}
	sc := spec.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser != 65532 || sc.FSGroup == nil {
		t.Errorf("pod security context %+v: want non-root uid 65532 (the image's USER) and an fsGroup for the volume", sc)
	}
	if df, err := os.ReadFile("../../Dockerfile"); err != nil || !regexp.MustCompile(`(?m)^USER 65532:65532$`).Match(df) {
		t.Errorf("the Dockerfile's USER is not 65532:65532 (%v)", err)
	}
	mounts := map[string]string{}
	for _, vm := range c.VolumeMounts {
		mounts[vm.Name] = vm.MountPath
	}
	if len(sts.Spec.VolumeClaimTemplates) != 1 || mounts[sts.Spec.VolumeClaimTemplates[0].Name] != arg(c.Args, "--state-dir") {
		t.Errorf("the state volume claim is not mounted at --state-dir %s: %v", arg(c.Args, "--state-dir"), mounts)
	}
	var cmVolume string
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil && v.ConfigMap.Name == m.cm.Name {
			cmVolume = v.Name
		}
	}
	inv := arg(c.Args, "--inventory")
	if dir, key := filepath.Split(inv); cmVolume == "" || filepath.Clean(dir) != mounts[cmVolume] || m.cm.Data[key] == "" {
		t.Errorf("--inventory %s is not the ConfigMap %s mounted at %s", inv, m.cm.Name, mounts[cmVolume])
	}
}

// TestShardsCoverInventory computes, for every pod ordinal, the --shard
// its arguments give (with Kubernetes' $(VAR) expansion of the
// environment, POD_INDEX being the ordinal), and checks that the shards'
// devices cover the ConfigMap's inventory exactly once.
func TestShardsCoverInventory(t *testing.T) {
	_, m := load(t)
	c := m.sts.Spec.Template.Spec.Containers[0]
	inv, err := fleet.ParseInventory(strings.NewReader(m.cm.Data["inventory.yaml"]))
	if err != nil {
		t.Fatalf("inventory: %v", err)
	}
	replicas := int(*m.sts.Spec.Replicas)
	seen := make(map[string]int, len(inv.Devices))
	for ordinal := range replicas {
		env := map[string]string{}
		for _, e := range c.Env {
			switch {
			case e.ValueFrom != nil && e.ValueFrom.FieldRef != nil &&
				e.ValueFrom.FieldRef.FieldPath == "metadata.labels['apps.kubernetes.io/pod-index']":
				env[e.Name] = strconv.Itoa(ordinal)
			case e.ValueFrom == nil:
				env[e.Name] = e.Value
			default:
				t.Fatalf("env %s: unexpected source %+v", e.Name, e.ValueFrom)
			}
		}
		args := make([]string, len(c.Args))
		for i, a := range c.Args {
			args[i] = expand(a, env)
		}
		sh, err := fleet.ParseShard(arg(args, "--shard"))
		if err != nil {
			t.Fatalf("pod %d: %v", ordinal, err)
		}
		if sh.I != ordinal || sh.N != replicas {
			t.Errorf("pod %d computes shard %s; want %d/%d (SHARDS must equal replicas)", ordinal, sh, ordinal, replicas)
		}
		f, err := fleet.New(inv, fleet.Options{StateDir: "-", Shard: sh})
		if err != nil {
			t.Fatalf("pod %d: %v", ordinal, err)
		}
		for _, e := range f.Entries() {
			seen[e.Name]++
		}
	}
	if len(seen) != len(inv.Devices) {
		t.Errorf("the shards serve %d devices, the inventory has %d", len(seen), len(inv.Devices))
	}
	for _, d := range inv.Devices {
		if seen[d.Name] != 1 {
			t.Errorf("%s is served by %d pods", d.Name, seen[d.Name])
		}
	}
}

// strictDecode decodes YAML as the API server's strict field validation
// does: duplicate keys, unknown fields and fields in the wrong case are
// errors (encoding/json alone would match "readOnlyRootFileSystem").
func strictDecode(doc []byte, v any) error {
	j, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	strict, err := sigsjson.UnmarshalStrict(j, v)
	if err != nil {
		return err
	}
	return errors.Join(strict...)
}

// arg returns the value after flag in args ("" when absent).
func arg(args []string, flag string) string {
	for i, a := range args {
		if a == flag && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, flag+"="); ok {
			return v
		}
	}
	return ""
}

var varRE = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)

// expand does what the kubelet does to a container's args: $(NAME) of a
// defined variable becomes its value; others stay as written.
func expand(s string, env map[string]string) string {
	return varRE.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := env[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}
