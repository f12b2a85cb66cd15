package dev.callsheet.demo;

import dev.callsheet.answers.Answers;
import dev.callsheet.material.Material;
import dev.callsheet.workspace.CurrentUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's material: a one-page brochure (a real PDF), a price list made from the catalogue (a real XLSX),
 * and e-mail templates for them in the six languages, plus a meeting confirmation.
 */
@Component
class DemoMaterial {

    private static final Logger log = LoggerFactory.getLogger(DemoMaterial.class);

    private final Material material;
    private final Answers answers;

    DemoMaterial(Material material, Answers answers) {
        this.material = material;
        this.answers = answers;
    }

    void seed(CurrentUser supervisor) {
        List<Answers.Product> products = answers.products(supervisor.workspaceId());
        Material.FileInfo brochure = material.upload(supervisor, "Fjord Solar brochure.pdf", "application/pdf",
                brochure(products));
        Material.FileInfo prices = material.upload(supervisor, "Fjord Solar price list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", priceList(products));
        int n = 0;
        for (String[] t : TEMPLATES) {
            List<String> files = switch (t[1]) {
                case "Brochure" -> List.of(brochure.id().toString());
                case "Price list" -> List.of(prices.id().toString());
                default -> List.of();
            };
            material.save(supervisor, null, new Material.TemplateDraft(t[1], t[0], t[2], t[3], files));
            n++;
        }
        log.info("Demo: a brochure, a price list and {} e-mail templates", n);
    }

    private static final String[][] TEMPLATES = {
        {"en", "Brochure", "${contact.firstName}, the brochure you asked for",
            "Dear ${contact.name},\n\nthank you for the call. As promised, our brochure is attached: what the panels "
                + "and the battery do, what they cost and how the installation goes.\n\n"
                + "Any question, just reply to this e-mail.\n\nKind regards,\n${agent.name}\nFjord Solar"},
        {"nb", "Brochure", "${contact.firstName}, brosjyren du ba om",
            "Hei ${contact.name},\n\ntakk for praten. Som lovet ligger brosjyren vedlagt: hva panelene og batteriet "
                + "gjør, hva de koster og hvordan monteringen foregår.\n\n"
                + "Har du spørsmål, er det bare å svare på denne e-posten.\n\nVennlig hilsen\n${agent.name}\nFjord Solar"},
        {"es", "Brochure", "${contact.firstName}, el folleto que nos pidió",
            "Estimado/a ${contact.name}:\n\ngracias por la llamada. Como le prometimos, adjuntamos nuestro folleto: "
                + "qué hacen los paneles y la batería, cuánto cuestan y cómo es la instalación.\n\n"
                + "Si tiene cualquier pregunta, responda a este correo.\n\nUn saludo,\n${agent.name}\nFjord Solar"},
        {"ru", "Brochure", "${contact.firstName}, брошюра, которую вы просили",
            "Здравствуйте, ${contact.name}!\n\nСпасибо за разговор. Как и обещали, брошюра во вложении: что делают "
                + "панели и аккумулятор, сколько они стоят и как проходит монтаж.\n\n"
                + "Если появятся вопросы, просто ответьте на это письмо.\n\nС уважением,\n${agent.name}\nFjord Solar"},
        {"ko", "Brochure", "${contact.firstName}님, 요청하신 브로슈어입니다",
            "${contact.name}님 안녕하세요.\n\n통화 감사합니다. 약속드린 대로 브로슈어를 첨부합니다. 패널과 배터리의 기능, "
                + "가격, 설치 과정을 담았습니다.\n\n궁금한 점이 있으시면 이 메일에 회신해 주세요.\n\n감사합니다.\n"
                + "${agent.name}\nFjord Solar"},
        {"ro", "Brochure", "${contact.firstName}, broșura pe care ați cerut-o",
            "Bună ziua, ${contact.name},\n\nvă mulțumim pentru apel. Așa cum am promis, broșura este atașată: ce fac "
                + "panourile și bateria, cât costă și cum decurge instalarea.\n\n"
                + "Pentru orice întrebare, răspundeți la acest e-mail.\n\nCu stimă,\n${agent.name}\nFjord Solar"},
        {"en", "Price list", "Fjord Solar prices for ${company}",
            "Dear ${contact.name},\n\nthe price list you asked for is attached. ${rep.name} gives a fixed price "
                + "after the visit.\n\nKind regards,\n${agent.name}"},
        {"nb", "Price list", "Priser fra Fjord Solar til ${company}",
            "Hei ${contact.name},\n\nprislisten du ba om ligger vedlagt. ${rep.name} gir fast pris etter "
                + "befaringen.\n\nVennlig hilsen\n${agent.name}"},
        {"en", "Meeting confirmation", "Our meeting on ${meeting.date}",
            "Dear ${contact.name},\n\nthis confirms your meeting with ${rep.name} on ${meeting.date} at "
                + "${meeting.time}, ${meeting.place}.\n\nKind regards,\n${agent.name}"},
        {"nb", "Meeting confirmation", "Møtet vårt ${meeting.date}",
            "Hei ${contact.name},\n\nher er bekreftelsen på møtet med ${rep.name} ${meeting.date} kl. "
                + "${meeting.time}, ${meeting.place}.\n\nVennlig hilsen\n${agent.name}"},
    };

    /** The catalogue as a spreadsheet: product, what it is, price from and to, currency, who it is for. */
    static byte[] priceList(List<Answers.Product> products) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Prices");
            String[] head = {"Product", "Description", "Price from", "Price to", "Currency", "For"};
            Row first = sheet.createRow(0);
            for (int i = 0; i < head.length; i++) {
                first.createCell(i).setCellValue(head[i]);
            }
            int r = 1;
            for (Answers.Product p : products) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(p.name());
                row.createCell(1).setCellValue(p.description() == null ? "" : p.description());
                if (p.priceFrom() != null) {
                    row.createCell(2).setCellValue(p.priceFrom().doubleValue());
                }
                if (p.priceTo() != null) {
                    row.createCell(3).setCellValue(p.priceTo().doubleValue());
                }
                row.createCell(4).setCellValue(p.currency() == null ? "" : p.currency());
                row.createCell(5).setCellValue(p.audience() == null ? "" : p.audience());
            }
            int[] widths = {24, 60, 12, 12, 10, 40};
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF (PDF 1.4, the standard Helvetica fonts) describing the catalogue. */
    static byte[] brochure(List<Answers.Product> products) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"F2", "24", "Fjord Solar"});
        lines.add(new String[] {"F1", "13", "Clean power from your own roof, installed in two days."});
        lines.add(new String[] {"F1", "11", ""});
        for (Answers.Product p : products) {
            lines.add(new String[] {"F2", "14", p.name()});
            if (p.description() != null) {
                lines.add(new String[] {"F1", "11", p.description()});
            }
            if (p.priceFrom() != null) {
                lines.add(new String[] {"F1", "11", "Price: " + p.priceFrom().toPlainString()
                        + (p.priceTo() == null ? "" : " to " + p.priceTo().toPlainString()) + " "
                        + (p.currency() == null ? "" : p.currency())});
            }
            if (p.audience() != null) {
                lines.add(new String[] {"F1", "11", "For: " + p.audience()});
            }
            lines.add(new String[] {"F1", "11", ""});
        }
        lines.add(new String[] {"F1", "11", "Financing over up to 10 years through our partner bank."});
        StringBuilder content = new StringBuilder("BT\n56 790 Td\n");
        for (String[] line : lines) {
            content.append('/').append(line[0]).append(' ').append(line[1]).append(" Tf\n0 -")
                    .append(Integer.parseInt(line[1]) + 8).append(" Td\n(").append(pdfText(line[2])).append(") Tj\n");
        }
        content.append("ET\n");
        byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
                "<< /Length " + stream.length + " >>\nstream\n" + new String(stream, StandardCharsets.ISO_8859_1)
                        + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Text for a PDF string in WinAnsi: parentheses and backslashes escaped, what Latin-1 lacks dropped. */
    private static String pdfText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\u2013' || c == '\u2014') {
                out.append('-');
            } else if (c < 256) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
