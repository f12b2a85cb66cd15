package dev.callsheet.reporting.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's charts as PNG images for e-mail, where no script runs: the same four pictures the
 * pages draw (funnel, daily trend, leaderboard, outcomes), in the pages' colours.
 */
public final class ChartImages {

    private static final Color INK = new Color(0x1f, 0x29, 0x37);
    private static final Color GRID = new Color(0xe5, 0xe7, 0xeb);
    private static final Color[] SERIES = {new Color(0x25, 0x63, 0xeb), new Color(0x10, 0xb9, 0x81),
        new Color(0xf5, 0x9e, 0x0b), new Color(0xef, 0x44, 0x44)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartImages() {
    }

    /** Horizontal bars, one per label, biggest first as given: the funnel, the leaderboard, the outcomes. */
    public static byte[] bars(String title, String series, List<Map.Entry<String, Number>> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Number> v : values) {
            data.addValue(v.getValue(), series, v.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.HORIZONTAL, false,
                false, false);
        CategoryPlot plot = style(chart);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, SERIES[0]);
        renderer.setMaximumBarWidth(0.12);
        return png(chart, 640, Math.max(220, 60 + 34 * values.size()));
    }

    /** Lines over days, one per series: the daily trend. */
    public static byte[] lines(String title, List<String> days, Map<String, List<? extends Number>> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> {
            for (int i = 0; i < days.size(); i++) {
                data.addValue(values.get(i), name, days.get(i).length() > 5 ? days.get(i).substring(5) : days.get(i));
            }
        });
        JFreeChart chart = ChartFactory.createLineChart(title, null, null, data, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = style(chart);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShapesVisible(i, days.size() <= 31);
        }
        CategoryAxis axis = plot.getDomainAxis();
        if (days.size() > 14) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        chart.getLegend().setItemFont(FONT);
        return png(chart, 640, 300);
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(FONT.deriveFont(Font.BOLD, 14f));
        chart.getTitle().setPaint(INK);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.getDomainAxis().setTickLabelFont(FONT);
        plot.getDomainAxis().setTickLabelPaint(INK);
        plot.getRangeAxis().setTickLabelFont(FONT);
        plot.getRangeAxis().setTickLabelPaint(INK);
        return plot;
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
