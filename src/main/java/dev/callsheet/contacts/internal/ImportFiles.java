package dev.callsheet.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Uploaded files, kept until their import is done so that a job interrupted by a crash can
 * resume. With several app instances this folder must be shared storage.
 */
@Component
public class ImportFiles {

    private final Path directory;

    ImportFiles(@Value("${callsheet.imports.dir:${callsheet.database.data-dir:./data}/imports}") Path directory) {
        this.directory = directory;
    }

    /** An upload over the size limit: nothing of it is kept. */
    public static final class TooLarge extends IOException {
        TooLarge() {
            super("the upload is over the size limit");
        }
    }

    /**
     * Stores an upload under its job's id, atomically (a crash leaves no half file under that name).
     *
     * @throws TooLarge past {@code maxBytes}, having stored none of it
     */
    public Path store(UUID jobId, InputStream content, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path partial = directory.resolve(jobId + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = content.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Path file = path(jobId);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** The SHA-256 of a stored upload: the same file imported again is recognised by it. */
    public String sha256(UUID jobId) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(path(jobId)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** An upload waiting for its mapping to be confirmed on the preview page, tagged with its workspace and name. */
    public Path storeDraft(UUID draftId, UUID workspaceId, String fileName, InputStream content, long maxBytes)
            throws IOException {
        Path stored = store(draftId, content, maxBytes);
        Files.writeString(directory.resolve(draftId + ".meta"), workspaceId + "\n" + fileName);
        return stored;
    }

    /** The draft's file name, if the draft exists and belongs to the workspace. */
    public java.util.Optional<String> draftName(UUID draftId, UUID workspaceId) {
        Path meta = directory.resolve(draftId + ".meta");
        try {
            String[] lines = Files.readString(meta).split("\n", 2);
            return lines[0].equals(workspaceId.toString()) && Files.exists(path(draftId))
                    ? java.util.Optional.of(lines.length > 1 ? lines[1] : "upload")
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public void dropDraftMeta(UUID draftId) {
        try {
            Files.deleteIfExists(directory.resolve(draftId + ".meta"));
        } catch (IOException e) {
            // a leftover file only costs disk space
        }
    }

    public Path path(UUID jobId) {
        return directory.resolve(jobId + ".upload");
    }

    public void delete(UUID jobId) {
        try {
            Files.deleteIfExists(path(jobId));
        } catch (IOException e) {
            // a leftover file only costs disk space
        }
    }
}
