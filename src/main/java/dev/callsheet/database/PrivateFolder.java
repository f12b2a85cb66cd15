package dev.callsheet.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder kept to the user Callsheet runs as. The embedded server's binaries are executed
 * from it, so nobody else may write there: zonky makes its working folder writable by everyone on
 * each start (it was written for a shared temporary folder), which is safe only inside a folder
 * that nobody else can enter, and is undone once the server runs. Symbolic links are left as they
 * are (their own permission bits mean nothing) and never followed.
 */
final class PrivateFolder {

    private static final Set<PosixFilePermission> WRITE_BY_OTHERS =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateFolder() {
    }

    /** Creates {@code home} when missing and lets only its owner in (rwx------). */
    static void enter(Path home) throws IOException {
        Files.createDirectories(home);
        if (posix(home) != null) {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Deletes every extracted binaries folder under {@code binaries} that holds a file owned by
     * another user or writable by others, so that it is extracted anew from Callsheet's own jar
     * rather than executed. Returns the folders removed.
     */
    static List<Path> dropTampered(Path binaries) throws IOException {
        if (!Files.isDirectory(binaries, LinkOption.NOFOLLOW_LINKS) || posix(binaries) == null) {
            return List.of();
        }
        UserPrincipal self = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        try (Stream<Path> extracted = Files.list(binaries)) {
            List<Path> tampered = extracted.filter(folder -> !trusted(folder, self)).toList();
            for (Path folder : tampered) {
                delete(folder);
            }
            return tampered;
        }
    }

    /** Takes the write bits of group and others off every file and folder under {@code tree}, itself included. */
    static void closeToOthers(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS) || posix(tree) == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (permissions.removeAll(WRITE_BY_OTHERS)) {
                    Files.setPosixFilePermissions(path, permissions);
                }
            }
        }
    }

    private static boolean trusted(Path folder, UserPrincipal self) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(path -> !Files.isSymbolicLink(path)).allMatch(path -> {
                try {
                    PosixFileAttributes attributes =
                            Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return attributes.owner().equals(self)
                            && attributes.permissions().stream().noneMatch(WRITE_BY_OTHERS::contains);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static PosixFileAttributeView posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
