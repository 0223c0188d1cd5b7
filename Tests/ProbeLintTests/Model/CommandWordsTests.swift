import Testing
@testable import ProbeLint

@Suite struct CommandWordsTests {
    /// What the words' executable was before it was read in place: the last part
    /// between slashes (empty parts skipped), else the whole word.
    func reference(_ word: String) -> String {
        word.contains("/") ? String(word.split(separator: "/").last ?? Substring(word)) : word
    }

    @Test(arguments: ["", "/", "//", "radosgw", "/usr/bin/radosgw", "bin/ceph-mon/", "a//ceph-osd", "ceph-mds//",
                      "/x", "x/", "--fsid=8f1c2c5e-0000", "./sh", "/bin/bash", "dash"])
    func executableAsSplitGivesIt(word: String) {
        let names = [reference(word), "sh", "radosgw"]
        #expect(CommandWords([word]).firstExecutable(among: names) == 0)
    }

    /// A written list or scalar reads as its decoded Strings do, and its first scalar item is its first word.
    @Test(arguments: ["[/usr/bin/radosgw, --foreground]", "ceph-mon", "[{a: 1}, /bin/sh, -c]", "[]", "{a: b}", "[[x], 7]"])
    func writtenWordsReadAsDecoded(yaml: String) throws {
        try Reader.read(Array("command: \(yaml)\n".utf8), file: "t.yaml") { doc in
            let node = doc.lookup("command", in: doc.root!)!.value
            let written = CommandWords(doc, node), decoded = CommandWords(written.strings)
            #expect(written.isEmpty == decoded.isEmpty)
            #expect(written == decoded)
            for names in [["radosgw"], ["ceph-mon"], ["sh"], ["7"], ["x", "sh", "radosgw", "ceph-mon"]] {
                #expect(written.firstExecutable(among: names) == decoded.firstExecutable(among: names), "\(yaml) \(names)")
            }
        }
    }

    /// Two written lists are equal as their decoded Strings are.
    @Test(arguments: [("[sh, -c, x]", "[sh, -c, x]"), ("[sh, -c, x]", "[sh, -c, y]"), ("[sh, -c]", "[sh, -c, x]"),
                      ("['sh', \"-c\"]", "[sh, -c]"), ("[a, {b: 1}]", "[a]"), ("[]", "[]"), ("[\"\"]", "[\"\"]"), ("sh", "[sh]")])
    func writtenListsCompareAsDecoded(pair: (String, String)) throws {
        try Reader.read(Array("a: \(pair.0)\nb: \(pair.1)\n".utf8), file: "t.yaml") { doc in
            let a = CommandWords(doc, doc.lookup("a", in: doc.root!)!.value)
            let b = CommandWords(doc, doc.lookup("b", in: doc.root!)!.value)
            #expect((a == b) == (a.strings == b.strings), "\(pair)")
        }
    }
}
