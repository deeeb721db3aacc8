// Command alto-vcsim starts VMware's vSphere simulator (govmomi's simulator package) on loopback for
// Altostratus's tests: a vCenter (default) or a standalone ESXi host (-esx), seeded with templates, and a
// stand-in for VMware Tools, which the simulator lacks: a powered-on VM reports guest addresses after a
// boot delay, unless its guest OS is listed in -no-tools-guest (an image without open-vm-tools).
//
// It prints one JSON line on stdout once listening: {"url":..., "thumbprint":..., "user":..., "password":...}
// and serves until stdin closes or the process is signalled.
package main

import (
	"context"
	"crypto/tls"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

type ready struct {
	URL        string `json:"url"`
	Thumbprint string `json:"thumbprint"`
	User       string `json:"user"`
	Password   string `json:"password"`
	Datacenter string `json:"datacenter"`
}

func main() {
	esx := flag.Bool("esx", false, "simulate a standalone ESXi host instead of a vCenter")
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	vms := flag.Int("vm", 2, "VMs the model creates per resource pool (or per host with -esx)")
	clusters := flag.Int("cluster", 1, "clusters per datacenter (vCenter only)")
	hosts := flag.Int("host", 3, "hosts per cluster (vCenter only)")
	templates := flag.String("templates", "ubuntu-24.04:ubuntu64Guest,debian-12:debian10_64Guest",
		"templates to seed, name:guestId pairs")
	noTools := flag.String("no-tools-guest", "debian10_64Guest",
		"guest ids whose VMs never report through VMware Tools (comma list)")
	toolsDelay := flag.Duration("tools-delay", 300*time.Millisecond, "time from power-on to Tools reporting")
	loginUser := flag.String("user", "user", "the only user name Login accepts")
	loginPassword := flag.String("password", "pass", "the only password Login accepts")
	flag.Parse()

	model := simulator.VPX()
	if *esx {
		model = simulator.ESX()
	} else {
		model.Cluster = *clusters
		model.ClusterHost = *hosts
		model.Host = 0
	}
	model.Machine = *vms
	defer model.Remove()
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	// A user of our own (not the simulator's default) makes Login check the password, as a real host does.
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*loginUser, *loginPassword)}
	model.Service.RegisterEndpoints = true
	model.Service.TLS = new(tls.Config)
	server := model.Service.NewServer()
	defer server.Close()

	ctx := context.Background()
	if err := seedTemplates(ctx, server.URL, *templates); err != nil {
		log.Fatal(err)
	}
	tools := &toolsStandIn{delay: *toolsDelay, silent: set(*noTools), since: map[string]time.Time{}}
	go tools.run()

	user := server.URL.User.Username()
	password, _ := server.URL.User.Password()
	plain := *server.URL
	plain.User = nil
	sum := sha256.Sum256(server.Certificate().Raw)
	dc := "DC0"
	if *esx {
		dc = "ha-datacenter"
	}
	line, _ := json.Marshal(ready{URL: plain.String(), Thumbprint: colonHex(sum[:]), User: user, Password: password, Datacenter: dc})
	fmt.Println(string(line))

	done := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); close(done) }()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-done:
	case <-signals:
	}
}

// seedTemplates clones the model's first VM into one template per name:guestId pair, as an operator's
// imported cloud images would be.
func seedTemplates(ctx context.Context, u *url.URL, spec string) error {
	if strings.TrimSpace(spec) == "" {
		return nil
	}
	client, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return err
	}
	defer client.Logout(ctx)
	finder := find.NewFinder(client.Client, false)
	dc, err := finder.DefaultDatacenter(ctx)
	if err != nil {
		return err
	}
	finder.SetDatacenter(dc)
	all, err := finder.VirtualMachineList(ctx, "*")
	if err != nil {
		return err
	}
	source := all[0]
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	for _, pair := range strings.Split(spec, ",") {
		parts := strings.SplitN(pair, ":", 2)
		if len(parts) != 2 {
			return fmt.Errorf("template %q is not name:guestId", pair)
		}
		task, err := source.Clone(ctx, folders.VmFolder, parts[0], types.VirtualMachineCloneSpec{PowerOn: false})
		if err != nil {
			return err
		}
		info, err := task.WaitForResult(ctx, nil)
		if err != nil {
			return err
		}
		vm := object.NewVirtualMachine(client.Client, info.Result.(types.ManagedObjectReference))
		task, err = vm.Reconfigure(ctx, types.VirtualMachineConfigSpec{GuestId: parts[1],
			Annotation: "cloud image " + parts[0]})
		if err != nil {
			return err
		}
		if err := task.Wait(ctx); err != nil {
			return err
		}
		if err := vm.MarkAsTemplate(ctx); err != nil {
			return err
		}
	}
	return nil
}

// toolsStandIn plays VMware Tools for every powered-on VM: after the boot delay it reports a link-local
// IPv6 address first and then a private IPv4 one, as a guest bringing up DHCP does.
type toolsStandIn struct {
	delay  time.Duration
	silent map[string]bool
	mu     sync.Mutex
	since  map[string]time.Time
}

func (t *toolsStandIn) run() {
	for range time.Tick(100 * time.Millisecond) {
		for _, entity := range simulator.Map.All("VirtualMachine") {
			vm, ok := entity.(*simulator.VirtualMachine)
			if !ok {
				continue
			}
			simulator.Map.WithLock(vm, func() { t.visit(vm) })
		}
	}
}

func (t *toolsStandIn) visit(vm *simulator.VirtualMachine) {
	key := vm.Self.Value
	t.mu.Lock()
	defer t.mu.Unlock()
	on := vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
	if !on {
		if _, seen := t.since[key]; seen {
			delete(t.since, key)
			simulator.Map.Update(vm, []types.PropertyChange{
				{Name: "guest.ipAddress", Val: ""},
				{Name: "summary.guest.ipAddress", Val: ""},
				{Name: "guest.toolsRunningStatus", Val: string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)},
				{Name: "guest.guestState", Val: "notRunning"},
			})
		}
		return
	}
	started, seen := t.since[key]
	if !seen {
		t.since[key] = time.Now()
		return
	}
	if started.IsZero() || time.Since(started) < t.delay || vm.Config == nil || t.silent[vm.Config.GuestId] {
		return
	}
	t.since[key] = time.Time{} // reported for this boot
	n := 0
	fmt.Sscanf(strings.TrimPrefix(key, "vm-"), "%d", &n)
	ipv4 := fmt.Sprintf("10.%d.%d.%d", 20+n/65536%200, n/256%256, n%256)
	nets := []types.GuestNicInfo{}
	for _, device := range vm.Config.Hardware.Device {
		card, ok := device.(types.BaseVirtualEthernetCard)
		if !ok {
			continue
		}
		mac := card.GetVirtualEthernetCard().MacAddress
		nets = append(nets, types.GuestNicInfo{
			Network:        "VM Network",
			MacAddress:     mac,
			Connected:      true,
			DeviceConfigId: card.GetVirtualEthernetCard().Key,
			IpAddress:      []string{"fe80::250:56ff:fe" + strings.ReplaceAll(mac[len(mac)-5:], ":", ""), ipv4},
		})
		break
	}
	simulator.Map.Update(vm, []types.PropertyChange{
		{Name: "guest.net", Val: nets},
		{Name: "guest.ipAddress", Val: ipv4},
		{Name: "summary.guest.ipAddress", Val: ipv4},
		{Name: "guest.toolsRunningStatus", Val: string(types.VirtualMachineToolsRunningStatusGuestToolsRunning)},
		{Name: "guest.toolsStatus", Val: types.VirtualMachineToolsStatusToolsOk},
		{Name: "guest.guestState", Val: "running"},
		{Name: "guest.hostName", Val: vm.Name},
	})
}

func set(list string) map[string]bool {
	out := map[string]bool{}
	for _, item := range strings.Split(list, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out[item] = true
		}
	}
	return out
}

func colonHex(b []byte) string {
	parts := make([]string, len(b))
	for i, v := range b {
		parts[i] = fmt.Sprintf("%02X", v)
	}
	return strings.Join(parts, ":")
}

