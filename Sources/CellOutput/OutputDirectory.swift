// The one door every output file goes through: confined to a folder, written atomically.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a run writes into (`cell run FILE --out DIR`, default `out/<recipe name>`).
///
/// Every write goes through ``write(_:to:)-(String,_)``, which
/// - accepts only relative paths (no leading `/`, no NUL byte, a non-empty file name);
/// - resolves `.` and `..` lexically and refuses a path that climbs above the folder;
/// - refuses to pass through an existing folder component that is a symbolic link leading
///   outside the folder (checked with `realpath`);
/// - creates the folder and any intermediate folders on first use;
/// - writes atomically: a temporary file in the target's own folder, `fsync`, then `rename`,
///   so a reader sees either the old file or the complete new one, and a failure leaves
///   neither a half-written target nor the temporary file behind.
///
/// A symbolic link as the *last* component is replaced by the new file (rename does not
/// follow it), so it cannot be used to write outside the folder either.
public struct OutputDirectory: Sendable, Equatable {
    /// The folder as the user gave it; used verbatim in messages.
    public let root: String

    /// - Parameter root: the output folder, relative to the working directory or absolute.
    public init(root: String) {
        self.root = root
    }

    /// The default output folder for a recipe: `out/<file name without extension>`, e.g.
    /// `recipes/aclb.cell` → `out/aclb`. A name that is empty after removing the extension
    /// (`.cell`) falls back to `out/recipe`.
    public static func defaultPath(forRecipe path: String) -> String {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        var stem = fileName
        if let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex {
            stem = String(fileName[..<dot])
        } else if fileName.hasPrefix(".") {
            stem = ""
        }
        return "out/" + (stem.isEmpty ? defaultStem : stem)
    }

    /// The stem used when a recipe path has no usable file name.
    private static let defaultStem = "recipe"

    /// Writes text as UTF-8. Returns the URL of the written file.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws(OutputError) -> URL {
        try write(Array(text.utf8), to: relativePath)
    }

    /// Writes bytes. Returns the URL of the written file.
    @discardableResult
    public func write(_ data: Data, to relativePath: String) throws(OutputError) -> URL {
        try write([UInt8](data), to: relativePath)
    }

    /// Writes bytes atomically at `relativePath` inside the folder, creating intermediate
    /// folders. Returns the URL of the written file.
    @discardableResult
    public func write(_ bytes: [UInt8], to relativePath: String) throws(OutputError) -> URL {
        let components = try Self.validatedComponents(relativePath, root: root)
        let realRoot = try prepareRoot()
        var folder = realRoot
        for component in components.dropLast() {
            folder = try enterFolder(folder + "/" + component, named: component,
                                     path: relativePath, realRoot: realRoot)
        }
        let fileName = components[components.count - 1]
        let target = folder + "/" + fileName
        try AtomicFile.write(bytes, folder: folder, fileName: fileName, target: target,
                             reportedPath: relativePath)
        return URL(fileURLWithPath: target)
    }

    /// The file URL `relativePath` would be written to, after all the checks that need no
    /// file system changes. Nothing is created.
    public func checkedURL(for relativePath: String) throws(OutputError) -> URL {
        let components = try Self.validatedComponents(relativePath, root: root)
        return URL(fileURLWithPath: root).appendingPathComponent(components.joined(separator: "/"))
    }

    // MARK: - Lexical checks

    /// Splits a relative path into its normalised components (no `.`, no `..`, no empty ones),
    /// refusing anything that cannot name a file inside the folder.
    static func validatedComponents(_ path: String, root: String) throws(OutputError) -> [String] {
        if path.isEmpty { throw .emptyPath }
        if path.utf8.contains(0) { throw .containsNul(path: path) }
        if path.hasPrefix("/") { throw .absolutePath(path: path) }
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = raw.last, !last.isEmpty, last != ".", last != ".." else {
            throw .noFileName(path: path)
        }
        var stack: [String] = []
        for component in raw {
            switch component {
            case "", ".":
                continue
            case "..":
                if stack.isEmpty { throw .leavesOutputFolder(path: path, root: root) }
                stack.removeLast()
            default:
                stack.append(component)
            }
        }
        return stack
    }

    // MARK: - File system walk

    /// Creates the output folder (with intermediate folders, like `mkdir -p`) and returns its
    /// real path.
    private func prepareRoot() throws(OutputError) -> String {
        let rootPath = root.isEmpty ? "." : root
        var prefix = rootPath.hasPrefix("/") ? "" : "."
        for component in rootPath.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, Self.folderMode) != 0 && errno != EEXIST {
                throw .cannotCreateOutputFolder(root: root, reason: systemReason(errno))
            }
        }
        var info = stat()
        guard stat(rootPath, &info) == 0 else {
            throw .cannotCreateOutputFolder(root: root, reason: systemReason(errno))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotCreateOutputFolder(root: root, reason: "a file of that name exists")
        }
        guard let real = Self.realPath(rootPath) else {
            throw .cannotCreateOutputFolder(root: root, reason: systemReason(errno))
        }
        return real
    }

    /// Checks (or creates) one intermediate folder and returns its real path, which must stay
    /// inside `realRoot`.
    private func enterFolder(_ candidate: String, named component: String, path: String,
                             realRoot: String) throws(OutputError) -> String {
        var info = stat()
        if lstat(candidate, &info) != 0 {
            guard errno == ENOENT else {
                throw .writeFailed(path: path, operation: "inspect `\(component)`",
                                   reason: systemReason(errno))
            }
            if mkdir(candidate, Self.folderMode) != 0 && errno != EEXIST {
                throw .writeFailed(path: path, operation: "create folder `\(component)`",
                                   reason: systemReason(errno))
            }
            return candidate
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFLNK {
            guard let resolved = Self.realPath(candidate), Self.isInside(resolved, realRoot) else {
                throw .symlinkLeavesOutputFolder(path: path, component: component, root: root)
            }
            var target = stat()
            guard stat(resolved, &target) == 0, target.st_mode & S_IFMT == S_IFDIR else {
                throw .notAFolder(path: path, component: component)
            }
            return resolved
        }
        guard kind == S_IFDIR else { throw .notAFolder(path: path, component: component) }
        return candidate
    }

    /// Permissions of folders this type creates (rwxr-xr-x, before the umask).
    private static let folderMode: mode_t = 0o755

    /// `realpath(3)`, or nil when the path does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `root` or lies below it (both already resolved).
    static func isInside(_ path: String, _ root: String) -> Bool {
        if path == root { return true }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix)
    }
}
