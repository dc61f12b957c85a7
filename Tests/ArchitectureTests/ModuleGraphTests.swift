import Foundation
import TestSupport
import Testing

/// The shape of the code, checked: data flows one way through the modules, libxml2 and
/// libcrypto are each wrapped once, and the rules language and scoring build without any XML.
/// The graph is read from each module's `import` lines, so a new import that breaks the
/// shape fails here, naming the file.
@Suite struct ModuleGraphTests {
    /// Modules in the order data flows. A module may import only modules before it; a new
    /// module takes its place here (and in README's layout table).
    static let flow = [
        "CLibXML2", "CLibCrypto", "ExactNumbers", "Diagnostics", "Hashing", "XMLReading", "Documents",
        "DocumentReading", "Areas", "RulesLanguage", "Scoring", "Monitoring", "Store", "StorePostgres", "Credentials",
        "Reports", "Engine", "Server", "cbscore", "cbscore-server",
    ]

    /// Modules that must build without XML.
    static let withoutXML = ["Documents", "Areas", "RulesLanguage", "Scoring", "Monitoring", "Reports"]

    /// Imports of our own modules, per module, with the file that makes each.
    static func imports() throws -> [String: [(module: String, file: String)]] {
        let sources = SharedData.repositoryRoot.appendingPathComponent("Sources")
        let manager = FileManager.default
        var result: [String: [(String, String)]] = [:]
        for module in try manager.contentsOfDirectory(atPath: sources.path).sorted() {
            let folder = sources.appendingPathComponent(module)
            result[module] = []
            guard let walker = manager.enumerator(atPath: folder.path) else { continue }
            while let file = walker.nextObject() as? String {
                guard file.hasSuffix(".swift") || file.hasSuffix(".h") || file.hasSuffix(".modulemap") else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init).filter { !$0.hasPrefix("@") }
                    guard words.count >= 2, words[0] == "import" else { continue }
                    let imported = words[1].split(separator: ".").first.map(String.init) ?? words[1]
                    if flow.contains(imported) { result[module, default: []].append((imported, "\(module)/\(file)")) }
                }
            }
        }
        return result
    }

    @Test func everyModuleHasItsPlaceInTheFlow() throws {
        let modules = try Self.imports().keys.sorted()
        #expect(modules.filter { !Self.flow.contains($0) } == [], "add new modules to ModuleGraphTests.flow")
    }

    @Test func dataFlowsOneWay() throws {
        var backwards: [String] = []
        for (module, imports) in try Self.imports() {
            guard let place = Self.flow.firstIndex(of: module) else { continue }
            for (imported, file) in imports where Self.flow.firstIndex(of: imported)! >= place {
                backwards.append("\(file) imports \(imported)")
            }
        }
        #expect(backwards.sorted() == [])
    }

    @Test func libxml2AndLibcryptoAreEachWrappedOnce() throws {
        let graph = try Self.imports()
        let xml = graph.filter { $0.value.contains { $0.module == "CLibXML2" } }.keys.sorted()
        let crypto = graph.filter { $0.value.contains { $0.module == "CLibCrypto" } }.keys.sorted()
        #expect(xml == ["XMLReading"])
        #expect(crypto == ["Hashing"])
    }

    @Test func theRulesLanguageAndScoringBuildWithoutXML() throws {
        let graph = try Self.imports()
        // Whatever a module imports, directly or through others.
        func reach(_ module: String) -> Set<String> {
            var seen: Set<String> = [], todo = [module]
            while let next = todo.popLast() {
                for (imported, _) in graph[next] ?? [] where seen.insert(imported).inserted { todo.append(imported) }
            }
            return seen
        }
        for module in Self.withoutXML {
            #expect(reach(module).intersection(["XMLReading", "DocumentReading", "CLibXML2"]).isEmpty, "\(module)")
        }
    }

    /// The CLI stays as small as it was: the PostgreSQL client and bcrypt are the server's alone.
    @Test func theCLILinksNoServerOnlyModule() throws {
        let graph = try Self.imports()
        var seen: Set<String> = [], todo = ["cbscore"]
        while let next = todo.popLast() {
            for (imported, _) in graph[next] ?? [] where seen.insert(imported).inserted { todo.append(imported) }
        }
        #expect(seen.intersection(["StorePostgres", "Credentials"]).isEmpty)
        let manifest = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declaration = try #require(manifest.range(of: "name: \"cbscore\","))
        let rest = manifest[declaration.upperBound...]
        let end = rest.range(of: "),")?.lowerBound ?? rest.endIndex
        for name in ["StorePostgres", "Credentials", "postgres-nio", "hummingbird"] {
            #expect(!rest[..<end].contains(name), "cbscore depends on \(name)")
        }
    }

    /// The package manifest agrees: the same modules build without libxml2.
    @Test func theManifestAgrees() throws {
        let manifest = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        for module in ["RulesLanguage", "Scoring", "Documents"] {
            let declaration = try #require(manifest.range(of: "name: \"\(module)\""))
            let rest = manifest[declaration.upperBound...]
            let end = rest.range(of: ")")?.lowerBound ?? rest.endIndex
            #expect(!rest[..<end].contains("XMLReading") && !rest[..<end].contains("DocumentReading"), "\(module)")
        }
    }
}
