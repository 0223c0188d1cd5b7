/// The Ceph daemons behind one object, by the name Ceph knows each by after its type (`myfs-a`
/// for `mds.myfs-a`): the sections of a ceph.conf that each daemon reads depend on it.
public enum CephDaemons: Sendable, Equatable {
    /// The daemons are known: a CephFilesystem's MDS daemons, or a pod Rook labelled with its own.
    case named([String])
    /// Some daemons of a CR are (`myfs`), but not which: a pod that names its filesystem only.
    case of(String)
    /// Nothing names them.
    case unknown

    /// The MDS daemons Rook runs for a CephFilesystem: twice `activeCount` (each active one gets a
    /// standby), named `<fs>-a`, `<fs>-b`, ... ("Always create double the number of metadata servers
    /// to have standby mdses available", pkg/operator/ceph/file/mds/mds.go). `activeCount` is 1 to 50
    /// in the CRD; a value outside it is read as the nearest bound.
    public static func mds(filesystem: String, activeCount: Int?) -> CephDaemons {
        let count = 2 * min(max(activeCount ?? 1, 1), 50)
        return .named((0..<count).map { "\(filesystem)-\(letterID($0))" })
    }

    /// Rook's daemon letters (`k8sutil.IndexToName`): 0 is `a`, 25 `z`, 26 `aa`, 27 `ab`.
    public static func letterID(_ index: Int) -> String {
        var index = index, letters: [UInt8] = []
        repeat {
            letters.append(UInt8(ascii: "a") + UInt8(index % 26))
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Which daemons a pod's labels name: Rook labels each daemon's pod with its ID
    /// (`ceph_daemon_id: myfs-a`), and an MDS pod with its filesystem (`rook_file_system: myfs`).
    /// `label` reads a label of the pod, else of its object.
    public static func mds(label: (String) -> String?) -> CephDaemons {
        if let id = label("ceph_daemon_id") { return .named([id]) }
        if let filesystem = label("rook_file_system") { return .of(filesystem) }
        return .unknown
    }
}

/// One daemon's answer to `RookFacts.cephOptionByDaemon`: its name (nil: any of them) and the
/// setting it reads (nil: none). A struct, not a tuple: an array of tuples was copied through
/// the runtime's generic tuple witnesses for every MDS container.
public struct CephDaemonSetting: Sendable, Equatable {
    public var daemon: String?
    public var setting: CephConfigSetting?
}

extension RookFacts {
    /// The setting of `option` that each of `daemons` of type `daemon` (`mds`) reads in `namespace`, in
    /// the order Ceph looks (src/common/config.cc, `_get_my_sections`): the daemon's own section
    /// (`[mds.myfs-a]`), then its type's (`[mds]`), then `[global]`; nil for a daemon that reads none,
    /// with the daemon's name when known. One daemon's own section does not hide the type's from the
    /// others. `.of(myfs)`: each own section of a `myfs` daemon, and the type's or `[global]` for the
    /// daemons without one. When no daemon of the type has a section of its own, one answer with no
    /// name: what every daemon reads.
    /// `daemons` is asked for only then (it reads labels, or makes the names).
    public func cephOptionByDaemon(_ option: String, daemon: String, daemons: () -> CephDaemons,
                                   namespace: String?) -> [CephDaemonSetting] {
        let settings = cephSettings(in: namespace)
        func last(_ section: (String) -> Bool) -> CephConfigSetting? {
            settings.last { $0.option == option && section($0.section) }
        }
        let shared = last { $0 == daemon } ?? last { $0 == "global" }
        // Most runs set the option in no daemon's own section: every daemon reads the shared one,
        // and the daemons' names are not made.
        let family = daemon + "."
        guard settings.contains(where: { $0.option == option && $0.section.hasPrefix(family) }) else {
            return [CephDaemonSetting(daemon: nil, setting: shared)]
        }
        switch daemons() {
        case .named(let names):
            return names.map { name in
                CephDaemonSetting(daemon: name, setting: last { $0.utf8.count == daemon.utf8.count + 1 + name.utf8.count && $0 == "\(daemon).\(name)" } ?? shared)
            }
        case .of(let group):
            let prefix = "\(daemon).\(group)-"
            var sections: [String] = []
            for setting in settings where setting.option == option && setting.section.count > prefix.count
                && setting.section.hasPrefix(prefix) && !setting.section.dropFirst(prefix.count).contains(".")
                && !sections.contains(setting.section) {
                sections.append(setting.section)
            }
            return sections.map { section in CephDaemonSetting(daemon: String(section.dropFirst(daemon.count + 1)), setting: last { $0 == section }) }
                + [CephDaemonSetting(daemon: nil, setting: shared)]
        case .unknown:
            return [CephDaemonSetting(daemon: nil, setting: shared)]
        }
    }
}
