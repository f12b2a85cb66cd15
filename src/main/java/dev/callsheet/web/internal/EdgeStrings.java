package dev.callsheet.web.internal;

import jakarta.validation.constraints.Size;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string of an API request body checked as it is read (see {@link EdgeText}): a NUL, a control character or
 * a string longer than its cap fails the read with {@link RefusedText}, whose JSON path
 * {@link ApiExceptionHandler} turns into the {@code field} of a 400. The cap is {@link EdgeText#DEFAULT_MAX_LENGTH}
 * unless the record component carries a larger {@code @Size(max = …)} (a template body) or a smaller one.
 */
final class EdgeStrings {

    private EdgeStrings() {
    }

    /** The module for the mapper that reads request bodies; JSON the application stores and reads back stays as is. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("callsheet-edge-strings");
        module.addDeserializer(String.class, new CheckedString(EdgeText.DEFAULT_MAX_LENGTH));
        module.addKeyDeserializer(String.class, new CheckedKey());
        return module;
    }

    /** A string in a request body that the edge refuses; the message follows the field's name. */
    static final class RefusedText extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        RefusedText(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }

    private static final class CheckedString extends StringDeserializer {

        private final int maxLength;

        CheckedString(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            Size size = property == null || !property.getType().hasRawClass(String.class) ? null
                    : property.getAnnotation(Size.class);
            return size == null || size.max() == Integer.MAX_VALUE || size.max() == maxLength ? this
                    : new CheckedString(size.max());
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : EdgeText.problem(text, maxLength);
            if (problem != null) {
                throw new RefusedText(parser, problem);
            }
            return text;
        }
    }

    private static final class CheckedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            String problem = key == null ? null : EdgeText.problem(key, 200);
            if (problem != null) {
                throw new RefusedText(context.getParser(), "has a key that " + problem);
            }
            return key;
        }
    }
}
