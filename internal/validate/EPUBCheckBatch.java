// EPUBCheckBatch validates every EPUB named on its command line in one
// JVM. EPUBCheck's own command line takes one file per run, and each run
// pays for starting Java and compiling EPUBCheck's schemas again (seconds);
// here they are paid once. validate.go runs this file with Java's
// source-file launcher, with the EPUBCheck jar on the class path.
//
// For each file it writes one header line,
//   FATALS ERRORS WARNINGS LENGTH PATH
// followed by LENGTH bytes of what EPUBCheck printed about the file, in
// the words of its command line ("ERROR(RSC-005): file(3,7): ...").
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EPUBCheckBatch {
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    for (String path : args) {
      // EPUBCheck's report prints to System.err; catch it per file.
      ByteArrayOutputStream messages = new ByteArrayOutputStream();
      PrintStream capture = new PrintStream(messages, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
      int fatals = 1, errors = 0, warnings = 0; // a crash counts as fatal
      try {
        DefaultReportImpl report = new DefaultReportImpl(path);
        new EpubCheck(new File(path), report).doValidate();
        fatals = report.getFatalErrorCount();
        errors = report.getErrorCount();
        warnings = report.getWarningCount();
      } catch (Throwable e) {
        capture.print("FATAL(CRASH): " + path + ": ");
        e.printStackTrace(capture);
      }
      capture.flush();
      byte[] text = messages.toByteArray();
      out.print(fatals + " " + errors + " " + warnings + " " + text.length + " " + path + "\n");
      out.write(text, 0, text.length);
      out.flush();
    }
  }
}
